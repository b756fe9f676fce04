#!/usr/bin/env python3
"""Where a DL4J training step goes, from a JFR recording of BenchMain (perf-notes.md).

Record:  java -XX:StartFlightRecording=filename=r.jfr,settings=jfr.jfc ... BenchMain ...   (jfc: jdk.ExecutionSample and
          jdk.NativeMethodSample at 1 ms)
Convert: jfr print --json --stack-depth 200 --events jdk.ExecutionSample,jdk.NativeMethodSample r.jfr > r.json
         (the default --stack-depth 5 cuts every stack short of MultiLayerNetwork.fit)
Run:     jfr_step_breakdown.py r.json MS_PER_STEP [r2.json MS_PER_STEP2 ...]
         MS_PER_STEP = 64000 / images per CPU-second of an unprofiled run; prints a Markdown table.
Samples of the training thread (pool-*) inside MultiLayerNetwork.fit, by the layer code they are in."""
import collections
import json
import sys

def load(path):
    d = json.load(open(path))
    evs = [e for e in d['recording']['events'] if 'pool-' in ((e['values'].get('sampledThread') or {}).get('javaName') or '')]
    out = []
    for e in evs:
        s = [(f['method']['type']['name'].split('/')[-1], f['method']['name'], f.get('lineNumber')) for f in e['values']['stackTrace']['frames']]
        if any(m == 'fit' and t == 'MultiLayerNetwork' for t, m, l in s):
            out.append(s)
    return out
def category(s):
    names = [f"{t}.{m}" for t, m, l in s]
    def has(*keys): return any(any(k in n for k in keys) for n in names)
    if has('UpdaterBlock', 'BaseMultiLayerUpdater', 'FusedAdamUpdater', 'StepFunction', 'applyConstraints'): return 'updater (Adam, regularization, step)'
    if has('Dropout.applyDropout', 'Dropout.backprop'): return 'dropout'
    if has('ActivationReLU.backprop', 'MaskedReluActivation.backprop'): return 'ReLU backward'
    if has('ActivationReLU.getActivation'): return 'ReLU forward'
    if has('InputConvolution.backpropGradient', 'OneDnnConvolution.backpropGradient', 'MKLDNNConvHelper.backpropGradient', 'ConvolutionLayer.backpropGradient'): return 'conv backward'
    if has('MKLDNNConvHelper.preOutput', 'OneDnnConvolution.activate', 'ConvolutionLayer.activate', 'ConvolutionLayer.preOutput'): return 'conv forward'
    if has('MKLDNNBatchNormHelper.backpropGradient', 'BatchNormalization.backpropGradient', 'TwoPassBatchNorm.backpropGradient'): return 'batch norm backward'
    for t, m, l in s:
        if t in ('MKLDNNBatchNormHelper', 'TwoPassBatchNorm$Helper') and m == 'preOutput':
            if (t == 'MKLDNNBatchNormHelper' and l in (158, 159)) or (t == 'TwoPassBatchNorm$Helper' and l < 80): return 'batch norm forward: batch mean/variance'
            return 'batch norm forward: normalise (oneDNN)'
    if has('BatchNormalization.preOutput', 'BatchNormalization.activate'): return 'batch norm forward: other'
    if has('ActivationLayer.backpropGradient', 'EluActivation.backpropGradient'): return 'ELU backward (activation layers)'
    if has('ActivationLayer.activate', 'EluActivation.activate'): return 'ELU forward (activation layers)'
    if has('MKLDNNSubsamplingHelper.backpropGradient', 'SubsamplingLayer.backpropGradient', 'IndexedMaxPooling.backpropGradient'): return 'max-pool backward'
    if has('SubsamplingLayer.activate', 'IndexedMaxPooling.activate'): return 'max-pool forward'
    if has('BaseOutputLayer', 'FusedOutput.', 'LossMCXENT', 'computeScore'): return 'output layer + loss'
    if has('BaseLayer.backpropGradient', 'FusedDense.backpropGradient'): return 'dense backward'
    if has('BaseLayer.activate', 'BaseLayer.preOutput', 'FusedDense.activate'): return 'dense forward'
    if has('PreProcessor'): return 'preprocessors'
    return 'other (fit loop, workspaces, clear, gradient view)'
def main():
    res = {}
    for path, ms in zip(sys.argv[1::2], sys.argv[2::2]):
        fit = load(path); c = collections.Counter(category(s) for s in fit)
        res[path] = (len(fit), float(ms), c)
    cats = collections.Counter()
    for n, ms, c in res.values():
        for k, v in c.items(): cats[k] += v / n * ms
    print('| part of the step | ' + ' | '.join(f'{p} ms (%)' for p in res) + ' |')
    print('|---|' + '---|' * len(res))
    for k, _ in cats.most_common():
        row = []
        for n, ms, c in res.values(): row.append(f"{c[k]/n*ms:.2f} ({100*c[k]/n:.0f}%)")
        print(f'| {k} | ' + ' | '.join(row) + ' |')
    print('| total (64 / images per CPU-second) | ' + ' | '.join(f'{ms:.1f}' for n, ms, c in res.values()) + ' |')
    print('samples:', [n for n, ms, c in res.values()])


if __name__ == '__main__':
    main()

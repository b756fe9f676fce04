/**
 * A compatibility shim under ND4J's own package name, not part of sparksweep: see {@link org.nd4j.nativeblas.Nd4jCpu}
 * for why it exists and when to delete it.
 */
package org.nd4j.nativeblas;

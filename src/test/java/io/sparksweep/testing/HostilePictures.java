package io.sparksweep.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Picture files a hostile or careless source produces, written byte by byte: none of them is ever held decoded,
 * which is the point (a 30,000 x 30,000 image would need gigabytes).
 */
public final class HostilePictures {

    private HostilePictures() {
    }

    /**
     * A complete, valid one-bit grey PNG of {@code width x height} black pixels. All rows are zeros, so deflate
     * squeezes 30,000 x 30,000 (112 MB of raw rows) to about 110 KB: a decoder that trusts the header allocates
     * the whole image.
     */
    public static Path hugePng(Path file, int width, int height) {
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 1).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (OutputStream deflate = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_COMPRESSION))) {
            byte[] row = new byte[1 + (width + 7) / 8]; // filter byte 0 (none), then the packed pixels
            for (int y = 0; y < height; y++) {
                deflate.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(png, "IHDR", header.array());
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return write(file, png.toByteArray());
    }

    /**
     * A GIF whose screen and only image declare {@code width x height} (at most 65,535 each, GIF's limit), with a
     * two-colour table and a few bytes of image data: 40-odd bytes on disk.
     */
    public static Path hugeGif(Path file, int width, int height) {
        ByteBuffer gif = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        gif.put("GIF89a".getBytes(StandardCharsets.US_ASCII));
        gif.putShort((short) width).putShort((short) height).put((byte) 0x80).put((byte) 0).put((byte) 0);
        gif.put(new byte[] {0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}); // global colours: black, white
        gif.put((byte) 0x2C).putShort((short) 0).putShort((short) 0).putShort((short) width).putShort((short) height)
                .put((byte) 0);
        gif.put((byte) 2).put((byte) 2).put((byte) 0x44).put((byte) 0x01).put((byte) 0); // LZW: clear, 0, end
        gif.put((byte) 0x3B);
        return write(file, Arrays.copyOf(gif.array(), gif.position()));
    }

    /** The first {@code fraction} of a file's bytes under a new name, as an interrupted download leaves it. */
    public static Path truncated(Path source, Path file, double fraction) {
        try {
            byte[] bytes = Files.readAllBytes(source);
            return write(file, Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(name);
        png.writeBytes(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

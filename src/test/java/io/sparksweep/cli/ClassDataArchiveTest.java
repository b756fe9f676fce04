package io.sparksweep.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassDataArchiveTest {

    @TempDir
    Path dir;

    @Test
    void firstRunRecordsTheArchiveAndLaterRunsMapIt() throws Exception {
        Path jar = Files.writeString(dir.resolve("app.jar"), "jar bytes");
        ClassDataArchive first = ClassDataArchive.beside(jar).orElseThrow();
        assertTrue(first.jvmOptions().contains("-XX:ArchiveClassesAtExit=" + first.recording()), first.jvmOptions().toString());

        Files.writeString(first.recording(), "recorded classes");
        first.afterChildExit();

        assertFalse(Files.exists(first.recording()));
        ClassDataArchive later = ClassDataArchive.beside(jar).orElseThrow();
        assertEquals(first.archive(), later.archive());
        assertTrue(later.jvmOptions().contains("-XX:SharedArchiveFile=" + later.archive()), later.jvmOptions().toString());
    }

    @Test
    void aRebuiltJarGetsItsOwnArchiveAndTheOldOneGoes() throws Exception {
        Path jar = Files.writeString(dir.resolve("app.jar"), "jar bytes");
        ClassDataArchive old = ClassDataArchive.beside(jar).orElseThrow();
        Files.writeString(old.recording(), "old classes");
        old.afterChildExit();

        Files.writeString(jar, "rebuilt jar, other size");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
        ClassDataArchive rebuilt = ClassDataArchive.beside(jar).orElseThrow();
        assertFalse(rebuilt.archive().equals(old.archive()));
        assertTrue(rebuilt.jvmOptions().stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit=")));
        Files.writeString(rebuilt.recording(), "new classes");
        rebuilt.afterChildExit();

        assertFalse(Files.exists(old.archive()), "archive of the earlier build is removed");
        assertTrue(Files.exists(rebuilt.archive()));
    }

    @Test
    void aRunThatDiedBeforeWritingLeavesNoArchive() throws Exception {
        Path jar = Files.writeString(dir.resolve("app.jar"), "jar bytes");
        ClassDataArchive archive = ClassDataArchive.beside(jar).orElseThrow();
        Files.createFile(archive.recording());
        archive.afterChildExit();
        assertFalse(Files.exists(archive.archive()));
        assertFalse(Files.exists(archive.recording()));
        assertEquals(List.of("app.jar"), Files.list(dir).map(p -> p.getFileName().toString()).toList());
    }
}

package dev.corral;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The JPMS module {@code dev.corral}: exports only the API package and needs nothing beyond {@code java.base}. */
class ModuleDescriptorTest {

  @Test
  void exportsOnlyTheApiAndRequiresOnlyJavaBase() throws IOException {
    Path classes = Path.of(URI.create(
        TaskGroup.class.getProtectionDomain().getCodeSource().getLocation().toString()));
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      ModuleDescriptor module = ModuleDescriptor.read(in);
      assertEquals("dev.corral", module.name());
      assertEquals(Set.of("dev.corral"),
          module.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
      assertEquals(Set.of("java.base"),
          module.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
    }
  }
}

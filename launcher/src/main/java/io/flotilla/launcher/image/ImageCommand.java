package io.flotilla.launcher.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

import io.flotilla.launcher.cli.Arguments;
import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.stack.Service;
import io.flotilla.launcher.stack.StackException;

/**
 * {@code ./flotilla image build [--push PREFIX [--insecure]] [--tar DIR] [--tag TAG] [SERVICE...]}: each service's
 * image (all of them when none is named), pushed as {@code PREFIX/<service>:TAG} and/or written as
 * {@code DIR/<service>.tar}; a line per image with its digest.
 */
public final class ImageCommand {

    private ImageCommand() {
    }

    /**
     * @param home     the Flotilla checkout, its services packaged
     * @param stateDir where the Java runtime and the layer cache are kept between builds
     * @return what to print
     */
    public static String run(List<String> args, Path home, Path stateDir) {
        if (args.isEmpty() || !args.get(0).equals("build")) {
            throw new UsageException("'image' takes build");
        }
        Arguments arguments = Arguments.parse("image build", args.subList(1, args.size()),
                Set.of("push", "tar", "tag"), Set.of("insecure"), Service.values().length);
        if (!arguments.has("push") && !arguments.has("tar")) {
            throw new UsageException("'image build' needs --push PREFIX (a registry and path, such as"
                    + " registry.example.com/flotilla) or --tar DIR, or both");
        }
        String tag = arguments.value("tag").orElseGet(ImageCommand::version);
        List<Service> services = services(arguments.plain());
        Path work = stateDir.resolve("images");
        ServiceImage images = new ServiceImage(home, JavaRuntime.in(work), work);
        StringBuilder out = new StringBuilder();
        for (Service service : services) {
            arguments.value("push").ifPresent(prefix -> {
                String reference = prefix.replaceAll("/+$", "") + "/" + service.module() + ":" + tag;
                String digest = images.build(service, new ServiceImage.Target.Registry(reference,
                        arguments.has("insecure")));
                out.append(reference).append(" pushed, ").append(digest).append('\n');
            });
            arguments.value("tar").ifPresent(folder -> {
                Path file = tarball(Path.of(folder), service);
                String digest = images.build(service, new ServiceImage.Target.Tarball(file,
                        "flotilla/" + service.module() + ":" + tag));
                out.append(file).append(" written, ").append(digest).append('\n');
            });
        }
        return out.toString();
    }

    private static List<Service> services(List<String> names) {
        if (names.isEmpty()) {
            return Arrays.asList(Service.values());
        }
        List<Service> services = new ArrayList<>();
        for (String name : names) {
            services.add(Arrays.stream(Service.values()).filter(service -> service.module().equals(name)).findFirst()
                    .orElseThrow(() -> new UsageException("'" + name + "' is no service: name one of "
                            + Arrays.stream(Service.values()).map(Service::module).toList())));
        }
        return services;
    }

    private static Path tarball(Path folder, Service service) {
        try {
            return Files.createDirectories(folder).resolve(service.module().toLowerCase(Locale.ROOT) + ".tar");
        } catch (IOException e) {
            throw new StackException("cannot write images into " + folder + ": " + e.getMessage(), e);
        }
    }

    private static String version() {
        try (InputStream in = ImageCommand.class.getResourceAsStream("flotilla.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("the launcher's build lacks its version", e);
        }
    }
}

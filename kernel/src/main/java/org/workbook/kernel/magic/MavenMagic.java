package org.workbook.kernel.magic;

import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.workbook.kernel.eval.Evaluator;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code %maven GROUP:ARTIFACT:VERSION} (and {@code %%maven}, one per line): resolves the
 * artifacts and their runtime dependencies with Maven Resolver, through the mirrors and local
 * repository of the user's settings.xml (first from the local repository alone, so what is
 * cached needs no network), and adds the jars to the running session.
 *
 * <pre>
 * %maven org.apache.commons:commons-math3:3.6.1
 * added org.apache.commons:commons-math3:3.6.1 (commons-math3-3.6.1.jar)
 * </pre>
 *
 * An artifact the kernel already runs on (Jackson, XChart...) is not added: the kernel's copy
 * is the one cells see, and a different version is reported as a conflict.
 */
final class MavenMagic {
    static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    /** What one %maven did: jars added, lines to print. */
    record Outcome(List<Path> added, List<String> lines) { }

    private final Evaluator evaluator;
    private final Path settingsFile;
    private final Supplier<Map<String, String>> kernelArtifactsOnce;
    private Map<String, String> kernelArtifacts;
    private RepositorySystem system;

    /** {@code kernelArtifacts} is asked once, at the first %maven (it reads the class path's jars). */
    MavenMagic(Evaluator evaluator, Path settingsFile, Supplier<Map<String, String>> kernelArtifacts) {
        this.evaluator = evaluator;
        this.settingsFile = settingsFile;
        this.kernelArtifactsOnce = kernelArtifacts;
    }

    /** Resolves {@code coordinates} (GROUP:ARTIFACT[:EXTENSION[:CLASSIFIER]]:VERSION) and adds their jars. */
    Outcome add(List<String> coordinates, String magic) throws MagicException {
        if (coordinates.isEmpty()) {
            throw new MagicException("%" + magic + " needs GROUP:ARTIFACT:VERSION, e.g. %maven org.apache.commons:commons-math3:3.6.1");
        }
        List<Dependency> deps = new ArrayList<>();
        for (String c : coordinates) {
            try {
                deps.add(new Dependency(new DefaultArtifact(c), JavaScopes.RUNTIME));
            } catch (IllegalArgumentException e) {
                throw new MagicException("%" + magic + ": " + c + " is not GROUP:ARTIFACT:VERSION"
                        + " (e.g. org.apache.commons:commons-math3:3.6.1)");
            }
        }
        MavenSettings settings = MavenSettings.read(settingsFile);
        List<ArtifactResult> results = resolve(deps, settings, magic);
        if (kernelArtifacts == null) {
            kernelArtifacts = kernelArtifactsOnce.get();
        }
        List<Path> added = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (ArtifactResult r : results) {
            Artifact a = r.getArtifact();
            String ga = a.getGroupId() + ":" + a.getArtifactId();
            String kernels = kernelArtifacts.get(ga);
            if (kernels != null) {
                lines.add(kernels.equals(a.getVersion())
                        ? "already in the kernel: " + ga + ":" + kernels
                        : "conflict: " + ga + ":" + a.getVersion() + " was asked for, but the kernel runs on " + ga + ":" + kernels
                        + "; cells get the kernel's " + kernels + " (if the library needs " + a.getVersion()
                        + ", pick a version of it built against " + kernels + ")");
                continue;
            }
            Path jar = a.getPath();
            evaluator.shell().addToClasspath(jar.toString());
            added.add(jar);
            lines.add("added " + a + " (" + jar.getFileName() + ")");
        }
        return new Outcome(added, lines);
    }

    private List<ArtifactResult> resolve(List<Dependency> deps, MavenSettings settings, String magic) throws MagicException {
        RepositorySystem sys = system();
        DependencyResolutionException offlineFailure = null;
        // The local repository first: what is cached resolves without the network.
        for (boolean offline : settings.offline() ? new boolean[] {true} : new boolean[] {true, false}) {
            try (CloseableSession session = new SessionBuilderSupplier(sys).get()
                    .withLocalRepositoryBaseDirectories(settings.localRepository())
                    .setOffline(offline)
                    .setMirrorSelector(mirrors(settings))
                    .setSystemProperties(System.getProperties())
                    .build()) {
                CollectRequest collect = new CollectRequest();
                deps.forEach(collect::addDependency);
                List<RemoteRepository> repos = sys.newResolutionRepositories(session,
                        List.of(new RemoteRepository.Builder("central", "default", CENTRAL).build()));
                collect.setRepositories(repos);
                try {
                    return sys.resolveDependencies(session,
                            new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME))).getArtifactResults();
                } catch (DependencyResolutionException e) {
                    if (offline && !settings.offline()) {
                        offlineFailure = e;
                        continue;
                    }
                    throw failure(e, repos, settings, magic);
                }
            }
        }
        throw failure(offlineFailure, List.of(), settings, magic);
    }

    private static DefaultMirrorSelector mirrors(MavenSettings settings) {
        DefaultMirrorSelector s = new DefaultMirrorSelector();
        for (MavenSettings.Mirror m : settings.mirrors()) {
            s.add(m.id(), m.url(), "default", false, false, m.mirrorOf(), "*");
        }
        return s;
    }

    /** A message that says what failed and what to do: a missing artifact, no network, or else the resolver's words. */
    private static MagicException failure(DependencyResolutionException e, List<RemoteRepository> repos,
                                          MavenSettings settings, String magic) {
        String where = repos.isEmpty() ? "the local repository " + settings.localRepository()
                : repos.stream().map(r -> r.getId() + " (" + r.getUrl() + ")").collect(Collectors.joining(", "));
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException) {
                return new MagicException("%" + magic + " cannot reach " + where + ": " + t.getClass().getSimpleName() + ": "
                        + t.getMessage() + ". No network? What is already in " + settings.localRepository()
                        + " resolves without one.");
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ArtifactNotFoundException nf) {
                return new MagicException("%" + magic + ": " + nf.getArtifact() + " was not found in " + where
                        + (settings.offline() ? " (settings.xml says offline)" : "")
                        + ". Check the group, artifact and version (search.maven.org lists them).");
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new MagicException("%" + magic + " could not resolve from " + where + ": " + root.getMessage());
    }

    private synchronized RepositorySystem system() {
        if (system == null) {
            system = new RepositorySystemSupplier().get();
        }
        return system;
    }
}

package org.vaelab.kernel.magic;

import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves Maven coordinates with their runtime dependencies, using Maven's own resolver: the
 * local repository first ({@code maven.repo.local} or {@code ~/.m2/repository}), then the
 * repositories added by {@code %mavenRepo}, then Maven Central.
 */
public final class MavenResolver {
    static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private final List<RemoteRepository> added = new ArrayList<>();
    private RepositorySystem system;

    public void addRepository(String id, String url) {
        added.removeIf(repository -> repository.getId().equals(id));
        added.add(new RemoteRepository.Builder(id, "default", url).build());
    }

    /** Files of the artifacts and of everything they need at run time, in class-path order. */
    public List<Path> resolve(List<String> coordinates) throws DependencyResolutionException {
        if (system == null) {
            system = new RepositorySystemSupplier().get();
        }
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        session.setLocalRepositoryManager(system.newLocalRepositoryManager(session, new LocalRepository(localRepository().toFile())));

        List<RemoteRepository> repositories = new ArrayList<>(added);
        repositories.add(new RemoteRepository.Builder("central", "default", CENTRAL).build());

        CollectRequest collect = new CollectRequest();
        collect.setRepositories(repositories);
        for (String coordinate : coordinates) {
            collect.addDependency(new Dependency(new DefaultArtifact(coordinate), JavaScopes.RUNTIME));
        }
        DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        List<Path> files = new ArrayList<>();
        for (ArtifactResult result : system.resolveDependencies(session, request).getArtifactResults()) {
            files.add(result.getArtifact().getFile().toPath());
        }
        return files;
    }

    static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }
}

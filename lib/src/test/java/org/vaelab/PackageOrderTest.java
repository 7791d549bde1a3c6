package org.vaelab;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The library's packages import one way, from the workbook's settings at the top down to the data at the bottom. */
class PackageOrderTest {
    /** Bottom to top: each package may use those before it, never those after it. */
    static final List<String[]> ORDER = List.of(
            new String[] {"io", "org.vaelab.io.."},
            new String[] {"sample", "org.vaelab.sample.."},
            new String[] {"data", "org.vaelab.data.."},
            new String[] {"nn", "org.vaelab.nn.."},
            new String[] {"loss", "org.vaelab.loss.."},
            new String[] {"model", "org.vaelab.model.."},
            new String[] {"train", "org.vaelab.train.."},
            new String[] {"judge", "org.vaelab.judge.."},
            new String[] {"eval", "org.vaelab.eval.."},
            new String[] {"viz", "org.vaelab.viz.."},
            new String[] {"report", "org.vaelab.report.."},
            new String[] {"workbook", "org.vaelab", "org.vaelab.theory..", "org.vaelab.bench..", "org.vaelab.exercise.."});

    private static final JavaClasses LIBRARY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.vaelab");

    @Test
    void noPackageImportsOneAboveIt() {
        Architectures.LayeredArchitecture layers = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String[] layer : ORDER) {
            layers = layers.layer(layer[0]).definedBy(Arrays.copyOfRange(layer, 1, layer.length));
        }
        for (int i = 0; i < ORDER.size() - 1; i++) {
            String[] above = ORDER.subList(i + 1, ORDER.size()).stream().map(layer -> layer[0]).toArray(String[]::new);
            layers = layers.whereLayer(ORDER.get(i)[0]).mayOnlyBeAccessedByLayers(above);
        }
        layers = layers.whereLayer("workbook").mayNotBeAccessedByAnyLayer();
        layers.check(LIBRARY);
    }

    @Test
    void noPackagesFormACycle() {
        slices().matching("org.vaelab.(*)..").should().beFreeOfCycles().check(LIBRARY);
    }

    @Test
    void onlyTheWorkbookReadsTheSettings() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses().that().resideOutsideOfPackages("org.vaelab", "org.vaelab.bench..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.vaelab.Lab").check(LIBRARY);
    }
}

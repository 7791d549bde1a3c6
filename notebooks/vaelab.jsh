// The workbook's library and the imports every lab uses. Each notebook's first cell runs
//   %load vaelab.jsh
// (in this project's kernel, IJava and JJava alike).
%classpath ../lib/target/classpath/*.jar
import org.vaelab.*;
import org.vaelab.data.*;
import org.vaelab.loss.Losses;
import org.vaelab.model.*;
import org.vaelab.model.multiview.*;
import org.vaelab.train.*;
import org.vaelab.eval.*;
import org.vaelab.judge.*;
import org.vaelab.sample.*;
import org.vaelab.viz.*;
import org.vaelab.report.*;
import org.vaelab.theory.Checks;
import org.vaelab.exercise.*;
import java.util.function.*;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.engine.Engine;
import ai.djl.training.GradientCollector;
import java.awt.image.BufferedImage;
import tech.tablesaw.api.*;
// Charts as pictures, tables as HTML and live training progress, in whichever of the three kernels runs this.
NotebookKernel.connect();

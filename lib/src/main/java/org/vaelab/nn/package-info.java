/**
 * The engine-level building blocks of every model, and every work-around of an engine in one place.
 *
 * <p>The workbook runs on DJL's MXNet and PyTorch engines, which differ where it matters:
 * <ul>
 *   <li>{@link org.vaelab.nn.Constants}: DJL's PyTorch engine frees a number such as the ½ of
 *       {@code x.mul(0.5)} while autograd still needs it for the backward pass; constants are made by
 *       the engine there.</li>
 *   <li>{@link org.vaelab.nn.RowSums}: MXNet sums along an axis in a one-thread compensated loop;
 *       the per-image sum of the loss over pixels is a product with a vector of ones there.</li>
 *   <li>{@link org.vaelab.nn.AdamUpdates}: DJL's trainer goes through MXNet's key-value store, and
 *       DJL's Adam keeps its state private; the workbook calls the engine's Adam operator itself.</li>
 *   <li>{@link org.vaelab.nn.CodeVersion}: the version of what training produces on each engine,
 *       which keys every cache of trained weights.</li>
 * </ul>
 * {@code docs/ENGINES.md} gives the measurements behind each.
 */
package org.vaelab.nn;

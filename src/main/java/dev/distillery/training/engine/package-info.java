/**
 * The DJL training engine: networks, the epoch loop, evaluation, optimizers and resumable training state.
 *
 * <h2>Who owns every native array</h2>
 * <ul>
 *   <li><b>Only LibTorch's memory enters a computation.</b> DJL's PyTorch engine builds arrays from Java data
 *       ({@code NDManager.create(float[])}, {@code decode}, and the scalar of every {@code op(Number)}) with
 *       {@code from_blob} over a direct buffer that only the Java NDArray keeps alive. Autograd, views and gradients
 *       can outlive that object (DJL closes the scalar of {@code x.div(τ)} right after the forward op, while autograd
 *       reads it in the backward pass), and then read memory the garbage collector has freed: this is what corrupted
 *       runs under memory pressure (issue 18). So batches, labels, memoized teacher logits and constants are made with
 *       {@link dev.distillery.tensors.OwnedArrays}, and parameters and optimizer state read from files are moved into
 *       LibTorch's memory ({@code OwnedArrays.own}) before use. {@code OwnedArraysTest} fails the build on any other
 *       call that creates an array over Java memory.</li>
 *   <li><b>A network's manager owns its parameters and optimizer state</b> for the whole run; the network is closed
 *       (try-with-resources) when the run or phase ends.</li>
 *   <li><b>A step's sub-manager owns everything the step creates</b>: the batch, the teacher's logits, the forward
 *       graph, the loss, the gradients read by the optimizer (attached to the update's own sub-manager). It is closed
 *       after the backward pass and the update, so nothing of a step survives it and memory stays flat.</li>
 *   <li><b>Nothing is left to the garbage collector.</b> Results that outlive a step leave it as Java values
 *       ({@code float[]} memo, scores, diagnostics), never as NDArrays.</li>
 * </ul>
 */
package dev.distillery.training.engine;

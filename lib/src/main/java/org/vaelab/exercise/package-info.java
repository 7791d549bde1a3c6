/**
 * The course lab's exercises and their checks ({@link org.vaelab.exercise.Exercise}).
 *
 * <p>An exercise is a function a student writes in a notebook cell, between the teacher's solution markers
 * {@code // BEGIN SOLUTION} and {@code // END SOLUTION}; the next cell hands it to its check, which runs it beside
 * the library's own method on seeded inputs and edge cases and returns one line: {@code Exercise NN.N passed},
 * {@code failed} (the input, both answers and a hint) or {@code not done yet}. The student edition
 * ({@code ./lab student}) replaces each solution by {@code throw new Exercise.NotDone();}. When grading
 * ({@code ./lab grade}), each check also records what the student's function gave ({@code Recording}),
 * and the grader's {@link org.vaelab.exercise.Judge} decides the verdict from those answers in a JVM that runs no
 * student code. Everything here uses plain Java types and returns
 * strings, so it works alike in the workbook's kernel, IJava and JJava.
 *
 * <p>Exercises by lab: 01.1 the closed-form KL, 01.2 the reparameterisation, 01.3 the Bernoulli loss from logits,
 * 01.4 the product of Gaussian experts; 02.1 the VAE's forward pass and −ELBO, 02.2 the importance-weighted bound, 02.3 the
 * cosine-decayed learning rate; 03.1 the activity of each latent dimension (active units), 03.2 the MMD estimate; 04.1 the centre loss, 04.2 the
 * class separation; 05.1 the mixture of products' subset posteriors, 05.2 the Laplace likelihood; 06.1 the side a
 * convolution leaves, 06.2 the Gaussian with σ fitted; 07.1 the loss of one fine-tuning step, 07.2 the least-squares map between two latent spaces.
 */
package org.vaelab.exercise;

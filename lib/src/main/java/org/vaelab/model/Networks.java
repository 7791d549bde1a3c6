package org.vaelab.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;

/**
 * The encoder bodies and decoders of the VAEs: a one-hidden-layer MLP (Kingma and Welling), or two
 * stride-2 convolutions (each halving the image) and a dense layer, mirrored in the decoder by two
 * upsample-and-convolve steps. Images travel flat, (n, C·H·W).
 */
public final class Networks {
    private Networks() {
    }

    /** x (n, C·H·W) → h (n, hidden); the Gaussian head on top gives μ and log σ². */
    public static Block encoderBody(VaeConfig config) {
        SequentialBlock body = new SequentialBlock();
        if (config.network() == VaeConfig.Network.CONV) {
            body.add(reshape(config.channels(), config.height(), config.width()))
                    .add(conv(32)).add(Activation.reluBlock())
                    .add(conv(64)).add(Activation.reluBlock())
                    .add(Blocks.batchFlattenBlock());
        }
        return body.add(Linear.builder().setUnits(config.hidden()).build()).add(activation(config));
    }

    /** z (n, latent) → the decoder's raw output (n, C·H·W): logits or means, as the likelihood reads them. */
    public static Block decoder(VaeConfig config) {
        SequentialBlock decoder = new SequentialBlock()
                .add(Linear.builder().setUnits(config.hidden()).build()).add(activation(config));
        if (config.network() == VaeConfig.Network.CONV) {
            int h = config.height() / 4;
            int w = config.width() / 4;
            decoder.add(Linear.builder().setUnits(64L * h * w).build()).add(Activation.reluBlock())
                    .add(reshape(64, h, w))
                    .add(upsample()).add(conv3x3(32)).add(Activation.reluBlock())
                    .add(upsample()).add(conv3x3(config.channels()))
                    .add(Blocks.batchFlattenBlock());
        } else {
            decoder.add(Linear.builder().setUnits(config.inputSize()).build());
        }
        return decoder;
    }

    private static Block activation(VaeConfig config) {
        return config.activation() == VaeConfig.Activation.RELU ? Activation.reluBlock() : Activation.tanhBlock();
    }

    private static Block conv(int filters) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(4, 4))
                .optStride(new Shape(2, 2)).optPadding(new Shape(1, 1)).build();
    }

    /**
     * Doubles height and width by repeating pixels. With the 3×3 convolution after it, this replaces
     * a transposed convolution: no checkerboard artefacts, and DJL's Conv2dTranspose lays out its
     * weights in an order MXNet rejects.
     */
    private static Block upsample() {
        return new LambdaBlock(list -> new NDList(list.singletonOrThrow().repeat(2, 2).repeat(3, 2)), "upsample");
    }

    private static Block conv3x3(int filters) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build();
    }

    private static Block reshape(int c, int h, int w) {
        return new LambdaBlock(list -> new NDList(list.singletonOrThrow().reshape(-1, c, h, w)), "reshape");
    }
}

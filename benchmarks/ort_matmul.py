"""How much faster would ONNX Runtime's int8 products be than numpy's float32 ones?

Not a dependency of compare: run it in a separate environment with
``pip install numpy onnxruntime onnx threadpoolctl``. One layer's four products of
the encoder (shapes of multilingual-e5-small: 384 -> 1152, 384 -> 384,
384 -> 1536, 1536 -> 384) on a batch of ``--tokens`` random rows, on one
thread, as numpy float32 products and as ``MatMulInteger`` (uint8 activations
rounded per token with a shared zero point of 128, int8 weights per output
channel), the rounding of the activations and the rescaling included; best of
``--repeats`` means of 10 calls each, the two alternating::

    python benchmarks/ort_matmul.py
"""

from __future__ import annotations

import argparse
import platform
import sys
import time

import numpy as np

SHAPES = ((384, 1152), (384, 384), (384, 1536), (1536, 384))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tokens", type=int, default=1337)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    try:
        import onnxruntime as ort
        from onnx import TensorProto, helper
        from threadpoolctl import threadpool_limits
    except ImportError as exc:
        raise SystemExit(f"needs onnxruntime, onnx and threadpoolctl (pip install ...): {exc}") from None

    t0 = time.perf_counter()
    graph = helper.make_graph(
        [helper.make_node("MatMulInteger", ["XQ", "WQ", "XZ"], ["Y"])], "mmi",
        [helper.make_tensor_value_info("XQ", TensorProto.UINT8, [None, None]),
         helper.make_tensor_value_info("WQ", TensorProto.INT8, [None, None]),
         helper.make_tensor_value_info("XZ", TensorProto.UINT8, [])],
        [helper.make_tensor_value_info("Y", TensorProto.INT32, [None, None])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 9
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = opts.inter_op_num_threads = 1
    session = ort.InferenceSession(model.SerializeToString(), opts, providers=["CPUExecutionProvider"])
    setup = time.perf_counter() - t0

    rng = np.random.default_rng(0)
    weights = [rng.standard_normal(shape).astype(np.float32) for shape in SHAPES]
    inputs = [rng.standard_normal((args.tokens, shape[0])).astype(np.float32) for shape in SHAPES]
    quantised = []
    for w in weights:
        scale = np.abs(w).max(axis=0) / 127.0
        quantised.append((np.rint(w / scale).astype(np.int8), scale.astype(np.float32)))
    zero = np.array(128, dtype=np.uint8)

    def int8_layer() -> None:
        for x, (wq, wscale) in zip(inputs, quantised, strict=True):
            scale = np.abs(x).max(axis=1) / 127.0
            q = x / scale[:, None]
            np.rint(q, out=q)
            q += 128
            y = session.run(None, {"XQ": q.astype(np.uint8), "WQ": wq, "XZ": zero})[0].astype(np.float32)
            y *= scale[:, None]
            y *= wscale

    def float_layer() -> None:
        for x, w in zip(inputs, weights, strict=True):
            x @ w

    best = {"numpy float32": float("inf"), "onnxruntime MatMulInteger": float("inf")}
    with threadpool_limits(1, user_api="blas"):
        int8_layer()
        float_layer()
        for _ in range(args.repeats):
            for name, fn in (("onnxruntime MatMulInteger", int8_layer), ("numpy float32", float_layer)):
                t = time.perf_counter()
                for _ in range(10):
                    fn()
                best[name] = min(best[name], (time.perf_counter() - t) / 10)
    print(f"## One encoder layer's four products, {args.tokens} tokens, one thread\n")
    print("| products | ms (best of the repeats) |\n|---|---:|")
    for name, seconds in best.items():
        print(f"| {name} | {seconds * 1000:.1f} |")
    ratio = best["numpy float32"] / best["onnxruntime MatMulInteger"]
    print(f"\nint8 products {ratio:.2f}x as fast; onnxruntime {ort.__version__} (session set-up {setup:.2f} s).")
    print(f"Obtained with `python benchmarks/ort_matmul.py {' '.join(argv or sys.argv[1:])}` on "
          f"{time.strftime('%Y-%m-%dT%H:%M:%S%z')}; {platform.machine()}, Python {platform.python_version()}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

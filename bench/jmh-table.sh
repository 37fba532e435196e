#!/usr/bin/env bash
# Markdown table of a bench/jmh.sh output (docs/BENCHMARKS.md, "Microbenchmarks").
set -euo pipefail
grep -hE '^(Seal|Codec|Frame|LoginCost)Benchmark\.' "$@" | awk '
BEGIN {
  what["SealBenchmark.seal200"] = "seal a 200-byte message (AES-256-GCM, cached sender key)"
  what["SealBenchmark.open200"] = "open (decrypt and verify) it"
  what["CodecBenchmark.encodePost"] = "JSON-encode a post (237-byte envelope)"
  what["CodecBenchmark.decodePost"] = "decode and validate a post"
  what["CodecBenchmark.encodeDeliveredFrame"] = "encode a delivered message (binary form) with its frame header"
  what["CodecBenchmark.decodeDelivered"] = "decode and validate a delivered message (binary form)"
  what["FrameBenchmark.frame"] = "frame a 273-byte payload"
  what["FrameBenchmark.decodeRead"] = "split a 64 KiB read into 277-byte frames (per frame)"
  what["LoginCostBenchmark.clientLogin"] = "client side of a login: Argon2id (64 MiB, 3 passes) + SRP-6a"
  what["LoginCostBenchmark.hostLogin"] = "host side of a login: SRP-6a only"
  print "| benchmark | what | score | error (99.9 %) | unit |"
  print "|---|---|---|---|---|"
}
{ fmt = ($NF == "ms/op") ? "%.1f" : "%.0f"
  printf "| %s | %s | " fmt " | " fmt " | %s |\n", $1, what[$1], $4, $6, $NF }'

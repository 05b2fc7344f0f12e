#!/usr/bin/env python3
"""newsner on Apache Spark: `newsner map` per partition, Parquet records, then `newsner reduce`.

    spark-submit newsner_spark.py --input CORPUS_DIR_OR_JSONL --records RECORDS_DIR --out TABLES_DIR \
        [--newsner BIN] [--model DIR] [--threads N] [--partitions N]

The map runs inside `mapInArrow` (allowed on Databricks shared clusters, where the RDD API is refused):
each partition starts one `newsner map -` process, feeds it the partition's articles as JSON lines on
stdin and turns the records it prints into Arrow batches. A non-zero exit of that process fails the task
with the end of its stderr, so Spark retries it (a task's output is committed only when it succeeds:
a retried partition is never counted twice). A bad article never fails a task: `newsner map` turns it
into an error record. The records are written as Parquet (`id`, `record`: the record as JSON, schema in
the README), then the driver streams them, in article order, into `newsner reduce -`, which writes the
tables. See the README's "On Apache Spark" section for cluster settings.
"""
import argparse
import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading

# The Parquet records' columns: the record's identity, content hash and model (for re-runs), and the
# record itself as JSON.
RECORD_COLUMNS = ["id", "path", "sha256", "model", "status", "record"]
RECORD_SCHEMA_DDL = ("id string, path string, sha256 string, model string, status string, "
                     "record string")

# Kept equal to the schema version of the binary's records (`newsner map --version` prints both).
RECORD_SCHEMA = 1


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--input", required=True, nargs="+",
                   help="a corpus folder (every .txt/.md file under it) or JSON-lines files of {id, text}")
    p.add_argument("--records", required=True, help="folder for the Parquet records (overwritten)")
    p.add_argument("--out", required=True, help="folder for the tables (as `newsner run --out`)")
    p.add_argument("--newsner", default=shutil.which("newsner") or "newsner",
                   help="the newsner binary on every executor (e.g. ./newsner/bin/newsner from --archives)")
    p.add_argument("--model", help="model folder on every executor (default: the binary's shipped model)")
    p.add_argument("--threads", type=int, default=1,
                   help="threads per map process; set spark.task.cpus to the same number")
    p.add_argument("--partitions", type=int, default=0,
                   help="map partitions (default: about 200 articles each, at least the default parallelism)")
    p.add_argument("--master", help="Spark master when not given by spark-submit (e.g. local[2])")
    p.add_argument("--incremental", action="store_true",
                   help="reuse the records already in --records whose article (content, id and path) "
                        "and model are unchanged; map only the rest")
    p.add_argument("--reduce-arg", action="append", default=[],
                   help="an extra argument for `newsner reduce` (repeatable), e.g. --reduce-arg=--review")
    return p.parse_args(argv)


def is_article(path):
    base = path.rsplit("/", 1)[-1]
    return base.lower().endswith((".txt", ".md"))


def folder_articles(spark, root):
    """Every .txt/.md file under `root` (hidden files and folders left out, as `newsner run` does), as
    rows of (path relative to root, base64 of the bytes)."""
    from pyspark.sql import functions as F

    root_uri = spark._jvm.org.apache.hadoop.fs.Path(root).toUri().toString()
    df = (spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(root)
          .select("path", "content"))
    prefix = root_uri.rstrip("/") + "/"
    rel = F.regexp_replace(F.col("path"), "^file:", "")
    plain_prefix = prefix.replace("file:", "")
    rel = F.when(F.col("path").startswith(prefix), F.substring(F.col("path"), len(prefix) + 1, 1 << 30)) \
        .otherwise(F.substring(rel, len(plain_prefix) + 1, 1 << 30))
    df = df.select(rel.alias("path"), F.regexp_replace(F.base64("content"), r"\s", "").alias("base64"),
                   F.sha2("content", 256).alias("sha256"))
    hidden = F.col("path").rlike(r"(^|/)\.")
    article = F.lower(F.col("path")).rlike(r"\.(txt|md)$")
    return df.where(article & ~hidden).select(F.lit(None).cast("string").alias("id"), "path",
                                              F.lit(None).cast("string").alias("text"), "base64",
                                              "sha256")


def jsonl_articles(spark, paths):
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType, StructField, StructType

    schema = StructType([StructField("id", StringType()), StructField("text", StringType()),
                         StructField("_corrupt_record", StringType())])
    df = spark.read.schema(schema).option("mode", "PERMISSIVE") \
        .option("columnNameOfCorruptRecord", "_corrupt_record").json(paths)
    # A line that is no JSON object keeps its raw text: the map turns it into an error record.
    return df.select("id", F.lit(None).cast("string").alias("path"), "text",
                     F.lit(None).cast("string").alias("base64"),
                     F.sha2(F.encode("text", "UTF-8"), 256).alias("sha256"), "_corrupt_record")


def map_partition_fn(binary, model, threads, kill_marker):
    """The function given to mapInArrow: one `newsner map -` process per partition."""

    def run(batches):
        import pyarrow as pa

        cmd = [binary, "map", "-", "--threads", str(threads)]
        if model:
            cmd += ["--model", model]
        err = tempfile.TemporaryFile()
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err)

        def feed():
            try:
                for batch in batches:
                    for row in batch.to_pylist():
                        if row.get("_corrupt_record") is not None:
                            line = row["_corrupt_record"].replace("\n", " ") + "\n"
                        else:
                            item = {k: v for k, v in row.items()
                                    if v is not None and k in ("id", "path", "text", "base64")}
                            line = json.dumps(item, ensure_ascii=False) + "\n"
                        proc.stdin.write(line.encode("utf-8"))
                proc.stdin.close()
            except BrokenPipeError:
                pass  # the process died: its exit code says why

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        rows = {name: [] for name in RECORD_COLUMNS}
        killed = False
        for line in proc.stdout:
            rec = json.loads(line)
            for name in RECORD_COLUMNS[:-1]:
                rows[name].append(rec.get(name, ""))
            rows["record"].append(line.decode("utf-8").rstrip("\n"))
            # Test hook: kill the process of the first task that gets here, once per job.
            if kill_marker and not killed:
                try:
                    fd = os.open(kill_marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
                    os.close(fd)
                    proc.send_signal(signal.SIGKILL)
                    killed = True
                except FileExistsError:
                    pass
            if len(rows["record"]) >= 256:
                yield pa.RecordBatch.from_pydict(rows)
                rows = {name: [] for name in RECORD_COLUMNS}
        writer.join()
        rc = proc.wait()
        if rc != 0:
            err.seek(0)
            tail = err.read()[-4000:].decode("utf-8", "replace")
            raise RuntimeError(f"newsner map exited with {rc}: {tail}")
        if rows["record"]:
            yield pa.RecordBatch.from_pydict(rows)

    return run


def reduce_records(binary, records_dir, out, extra):
    """Streams the Parquet records, in article order, into `newsner reduce -`."""
    import pyarrow.dataset as ds

    table = ds.dataset(records_dir, format="parquet").to_table(columns=["id", "record"])
    cmd = [binary, "reduce", "-", "--out", out] + extra
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE)
    try:
        for batch in table.to_batches():
            for rec in batch.column(1).to_pylist():
                proc.stdin.write(rec.encode("utf-8") + b"\n")
        proc.stdin.close()
    except BrokenPipeError:
        pass
    rc = proc.wait()
    # 2: published, some articles were skipped or failed (articles.csv names them).
    if rc not in (0, 2):
        raise SystemExit(f"newsner reduce exited with {rc}")
    return rc


def main(argv):
    args = parse_args(argv)
    # Local workers run the driver's Python (the one with PyArrow); on a cluster, set PYSPARK_PYTHON.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("newsner").config("spark.ui.showConsoleProgress", "false")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    version_cmd = [args.newsner, "map", "--version"] + (["--model", args.model] if args.model else [])
    version = subprocess.run(version_cmd, capture_output=True, text=True, check=True).stdout.strip()
    model = version.split(" model ")[-1]
    if f"records {RECORD_SCHEMA}" not in version:
        raise SystemExit(f"{args.newsner} writes other records ({version}); this driver reads "
                         f"schema {RECORD_SCHEMA}")
    frames = []
    folders = [p for p in args.input if os.path.isdir(p)]
    files = [p for p in args.input if not os.path.isdir(p)]
    if len(folders) > 1:
        raise SystemExit("one corpus folder at a time (as `newsner run`)")
    if folders:
        df = folder_articles(spark, os.path.abspath(folders[0]))
        from pyspark.sql import functions as F
        df = df.withColumn("_corrupt_record", F.lit(None).cast("string"))
        frames.append(df)
    if files:
        frames.append(jsonl_articles(spark, files))
    df = frames[0]
    for other in frames[1:]:
        df = df.unionByName(other)
    n = df.count()
    reused, target = None, args.records
    if args.incremental and path_exists(spark, args.records):
        df, reused = split_reusable(spark, df, args.records, model)
        target = args.records.rstrip("/") + ".next"
    todo = df.count()
    parts = args.partitions or max(spark.sparkContext.defaultParallelism, (todo + 199) // 200)
    fn = map_partition_fn(args.newsner, args.model, args.threads,
                          os.environ.get("NEWSNER_SPARK_KILL_ONCE"))
    records = df.repartition(parts).mapInArrow(fn, RECORD_SCHEMA_DDL)
    if reused is not None:
        records = records.unionByName(reused)
    records.write.mode("overwrite").parquet(target)
    if target != args.records:
        replace_path(spark, target, args.records)
    spark.stop()
    rc = reduce_records(args.newsner, args.records, args.out, args.reduce_arg)
    print(f"newsner-spark: {n} articles, {todo} mapped in {parts} partitions, {n - todo} reused; "
          f"tables in {args.out}", file=sys.stderr)
    return rc


def hadoop_fs(spark, path):
    jvm = spark._jvm
    p = jvm.org.apache.hadoop.fs.Path(path)
    return p.getFileSystem(spark._jsc.hadoopConfiguration()), p


def path_exists(spark, path):
    fs, p = hadoop_fs(spark, path)
    return fs.exists(p)


def replace_path(spark, new, old):
    """Puts the folder `new` in the place of `old` (after the new records are written whole)."""
    fs, p_old = hadoop_fs(spark, old)
    _, p_new = hadoop_fs(spark, new)
    fs.delete(p_old, True)
    if not fs.rename(p_new, p_old):
        raise SystemExit(f"could not move {new} to {old}")


def split_reusable(spark, df, records_dir, model):
    """The articles still to map, and the previous records to keep: those of an article with the same
    content, id and path (a record's title and id come from its path) mapped by the same model. An
    article that was renamed is mapped again."""
    from pyspark.sql import functions as F

    # An error record is mapped again: the error may be fixed.
    prev = (spark.read.parquet(records_dir)
            .where((F.col("model") == model) & (F.col("status") != "failed"))
            .dropDuplicates(["sha256", "path"]))
    keyed = df.withColumn("_key_path", F.coalesce(F.col("path"), F.col("id")))
    cond = [keyed["sha256"] == prev["sha256"], keyed["_key_path"] == prev["path"]]
    todo = keyed.join(prev, cond, "left_anti").drop("_key_path")
    reused = keyed.join(prev, cond, "inner").select(*[prev[c] for c in RECORD_COLUMNS])
    return todo, reused


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

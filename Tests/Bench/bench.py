#!/usr/bin/env python3
"""`make bench`: lixiao beside the C floors, python-calamine and the openpyxl peer, on the demo generator's data.

Every measured step runs REPEAT times, interleaved with what it is compared against (A, B, A, B …), each from a
pristine copy of its input prepared beforehand (copying is not timed). It reports the median with min and max,
and the peak resident memory from wait4 (ru_maxrss), prints a table and writes JSON.

usage: bench.py --lixiao BIN --floors DIR --out DIR [--sizes N ...] [--repeat R]
"""
import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
LIBRARY = "图书馆"


class Bench:
    def __init__(self, args):
        self.lixiao = os.path.abspath(args.lixiao)
        self.floors = os.path.abspath(args.floors)
        self.out = os.path.abspath(args.out)
        self.repeat = args.repeat
        self.rows = []

    # -- running and timing -------------------------------------------------------------------------------

    def timed(self, command):
        """Runs `command`; returns (seconds, peak KiB, exit status, stdout).

        The peak resident memory is GNU time's (%M, from wait4 in `time`, a small process): taken here, a child
        forked from this Python process would count the pages it shared with it."""
        output_path = os.path.join(self.out, ".stdout")
        memory_path = os.path.join(self.out, ".memory")
        wrapped = ["/usr/bin/time", "-f", "%M", "-o", memory_path] + command
        with open(output_path, "w") as output:
            start = time.monotonic()
            status = subprocess.call(wrapped, stdout=output, stderr=subprocess.DEVNULL)
            seconds = time.monotonic() - start
        with open(output_path, encoding="utf-8", errors="replace") as file:
            text = file.read()
        with open(memory_path, encoding="utf-8") as file:
            lines = [line for line in file.read().splitlines() if line.strip().isdigit()]
        return seconds, int(lines[-1]) if lines else 0, status, text

    def compare(self, step, size, contenders, prepare=None, goal=""):
        """Times each contender REPEAT times, interleaved; `prepare(name)` (untimed) runs before each run and
        returns the command's working input; `contenders` maps a name to a function of that input returning
        the command."""
        samples = {name: [] for name in contenders}
        memory = {name: [] for name in contenders}
        for _ in range(self.repeat):
            for name, command in contenders.items():
                target = prepare(name) if prepare else None
                seconds, peak, status, output = self.timed(command(target))
                if status != 0:
                    raise SystemExit(f"{step} ({name}, {size}) exited {status}: {output[-2000:]}")
                samples[name].append(seconds)
                memory[name].append(peak)
        row = {"step": step, "size": size, "goal": goal, "results": {}}
        for name in contenders:
            values = samples[name]
            row["results"][name] = {"median": statistics.median(values), "min": min(values), "max": max(values),
                                    "peakMiB": max(memory[name]) / 1024, "runs": values}
        self.rows.append(row)
        self.print_row(row)
        return row

    def print_row(self, row):
        names = list(row["results"])
        first = row["results"][names[0]]
        text = f"{row['step']:<44} {row['size']:>7}  "
        for name in names:
            result = row["results"][name]
            text += f"{name} {result['median']:.3f} s [{result['min']:.3f}–{result['max']:.3f}] "
            text += f"{result['peakMiB']:.0f} MiB  " if result["peakMiB"] else " "
        for name in names[1:] if row.get("ratios", True) else []:
            other = row["results"][name]["median"]
            if other > 0:
                text += f"{names[0]}/{name} {first['median'] / other:.2f}×  "
        if row["goal"]:
            text += f"(goal {row['goal']})"
        print(text, flush=True)

    # -- data -----------------------------------------------------------------------------------------------

    def copy(self, source, target):
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target, symlinks=True)
        return target

    def prepare_size(self, size):
        """A root with the generated registry dropped (`fresh`), and one that took it in (`base`)."""
        folder = os.path.join(self.out, str(size))
        fresh, base = os.path.join(folder, "fresh"), os.path.join(folder, "base")
        if not os.path.isdir(fresh):
            shutil.rmtree(folder, ignore_errors=True)
            os.makedirs(folder)
            subprocess.run([self.lixiao, "demo", "--root", fresh, "--people", str(size), "--seed", "7",
                            "--registry-only"], check=True, stdout=subprocess.DEVNULL)
        registry = os.path.join(fresh, "inbox/registry/学籍库导出.xlsx")
        if not os.path.isdir(base):
            self.copy(fresh, base)
            subprocess.run([self.lixiao, "run", "--root", base, "--settle", "0"], check=True,
                           stdout=subprocess.DEVNULL)
        # Settled: every output built by this very binary (its build is part of every inputs digest).
        subprocess.run([self.lixiao, "run", "--root", base, "--settle", "0"], check=True, stdout=subprocess.DEVNULL)
        export = self.library_export(base)
        returns = {}
        for rows in (200, "all"):
            path = os.path.join(folder, f"return-{rows}.xlsx")
            if not os.path.exists(path):
                self.edit_return(export, path, rows)
            returns[rows] = path
        peer = os.path.join(folder, "peer")
        if not os.path.isdir(peer):
            subprocess.run([sys.executable, os.path.join(HERE, "peer.py"), "intake", registry, peer], check=True)
        return folder, fresh, base, registry, export, returns, peer

    def library_export(self, root):
        folder = os.path.join(root, "outbox/departments", LIBRARY)
        batches = sorted(name for name in os.listdir(folder) if name != "回执")
        largest = max(batches, key=lambda batch: os.path.getsize(self.export_in(folder, batch)))
        return self.export_in(folder, largest)

    @staticmethod
    def export_in(folder, batch):
        names = [name for name in os.listdir(os.path.join(folder, batch)) if name.startswith("数据导出")]
        return os.path.join(folder, batch, names[0])

    @staticmethod
    def edit_return(export, target, rows):
        """The export with 办理状态 set to 3 (and a remark) on `rows` rows still at 1 (or every row), saved by
        openpyxl as staff's spreadsheet program would, the hidden origin sheet kept."""
        workbook = openpyxl.load_workbook(export)
        sheet = next(ws for ws in workbook.worksheets if ws.sheet_state == "visible")
        header = None
        changed = 0
        for row in sheet.iter_rows():
            values = [cell.value for cell in row]
            if header is None:
                if "学工号" in values:
                    header = values
                    status, remark = values.index("办理状态"), values.index("办理备注")
                continue
            if rows != "all" and changed >= rows:
                break
            if row[status].value is None or (rows != "all" and not str(row[status].value).startswith("1")):
                continue
            row[status].value = "3 已办理"
            row[remark].value = "已还书"
            changed += 1
        workbook.save(target)

    def drop(self, root, source, name):
        folder = os.path.join(root, "inbox/departments", LIBRARY)
        temporary = os.path.join(root, "inbox", ".bench.tmp")
        shutil.copyfile(source, temporary)
        past = time.time() - 10
        os.utime(temporary, (past, past))
        os.replace(temporary, os.path.join(folder, name))

    # -- the steps --------------------------------------------------------------------------------------------

    def size(self, size, full):
        folder, fresh, base, registry, export, returns, peer = self.prepare_size(size)
        work, peer_work = os.path.join(folder, "work"), os.path.join(folder, "peer-work")
        lixiao = self.lixiao
        peer_py = [sys.executable, os.path.join(HERE, "peer.py")]

        def fresh_root(name):
            return self.copy(fresh, work) if name == "lixiao" else None

        self.compare("registry intake → ledger + every output", size, {
            "lixiao": lambda root: [lixiao, "run", "--root", root, "--settle", "0"],
            "peer": lambda _: peer_py + ["intake", registry, os.path.join(folder, "peer-intake")],
        }, prepare=fresh_root, goal="≤150 MiB")

        def with_return(rows):
            def prepare(name):
                if name == "lixiao":
                    root = self.copy(base, work)
                    self.drop(root, returns[rows], f"还书-{rows}.xlsx")
                    return root
                return self.copy(peer, peer_work)
            return prepare

        for rows, goal in ((200, "≤1.0 s"), ("all", "≤2 s")):
            label = "a 200-row return" if rows == 200 else f"a {size:,}-row return (every row)"
            if rows == "all" and not full:
                continue
            self.compare(f"{label} → receipt + outputs", size, {
                "lixiao": lambda root: [lixiao, "run", "--root", root, "--settle", "0"],
                "peer": lambda state, rows=rows: peer_py + ["return", returns[rows], LIBRARY, state],
            }, prepare=with_return(rows), goal=goal)

        self.copy(base, work)
        self.compare("a round with nothing to do (run)", size, {
            "lixiao": lambda _: [lixiao, "run", "--root", work, "--settle", "0"],
        }, goal="≤0.3 s")
        if not full:
            return
        person = self.first_person(base)
        self.compare("show <学号>", size, {"lixiao": lambda _: [lixiao, "show", "--root", work, person]},
                     goal="≤0.1 s")
        self.compare("reading the every-row return", size, {
            "lixiao inspect": lambda _: [lixiao, "inspect", returns["all"]],
            "C floor": lambda _: [os.path.join(self.floors, "read_floor"), returns["all"]],
            "calamine": lambda _: [sys.executable, "-c", "import sys, python_calamine as c; "
                                   "w = c.CalamineWorkbook.from_path(sys.argv[1]); "
                                   "print(len(w.get_sheet_by_index(0).to_python()))", returns["all"]],
        }, goal="≤1.4× the floor")
        cells = os.path.join(folder, "export-cells.tsv")
        exported = os.path.join(folder, "export.xlsx")
        self.dump_cells(export, cells)
        batch = os.path.basename(os.path.dirname(export))
        self.compare("one department export (every person)", size, {
            "lixiao export": lambda _: [lixiao, "export", "--root", work, "--item", LIBRARY, "--batch", batch,
                                        "-o", exported],
            "C floor": lambda _: [os.path.join(self.floors, "write_floor"), cells, exported + ".floor.xlsx"],
        }, goal="≤1.3× the floor")
        self.watch_round(size, base, work, returns[200])
        self.readers_during_round(size, base, work, returns["all"], person)

    @staticmethod
    def first_person(root):
        with open(os.path.join(root, "ledger/registry.tsv"), encoding="utf-8") as file:
            for line in file:
                field = line.split("\t")[0]
                if field.isdigit():
                    return field
        raise SystemExit("no person in registry.tsv")

    @staticmethod
    def dump_cells(export, target):
        import python_calamine
        sheet = python_calamine.CalamineWorkbook.from_path(export).get_sheet_by_index(0).to_python()
        with open(target, "w", encoding="utf-8") as file:
            for row in sheet:
                file.write("\t".join("" if value is None else str(value).replace("\t", " ").replace("\n", " ")
                                     for value in row) + "\n")

    def watch_round(self, size, base, work, source):
        """`lixiao watch` with a 0.5 s settle window: from the drop to the receipt, and to the round's end."""
        receipts, rounds = [], []
        for _ in range(self.repeat):
            root = self.copy(base, work)
            daemon = subprocess.Popen([self.lixiao, "watch", "--root", root, "--settle", "0.5"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            status = os.path.join(root, "ledger/status.json")
            try:
                # The first round (nothing to do on a settled root) has written its account.
                self.wait(lambda: os.path.exists(status), 120)
                time.sleep(1.0)
                before = os.path.getmtime(status)
                dropped = time.time()
                self.drop(root, source, "还书-watch.xlsx")
                receipt_folder = os.path.join(root, "outbox/departments", LIBRARY, "回执")
                self.wait(lambda: any(name.endswith("还书-watch.xlsx.回执.xlsx")
                                      for _, _, names in os.walk(receipt_folder) for name in names), 120)
                receipts.append(time.time() - dropped)
                self.wait(lambda: os.path.getmtime(status) != before and self.last_round_had_files(status), 120)
                rounds.append(time.time() - dropped)
            finally:
                daemon.terminate()
                daemon.wait()
        row = {"step": "a 200-row return under watch (drop → receipt / → round end)", "size": size,
               "goal": "≤0.5 s, receipt first (settle 0.5 s included)", "results": {}, "ratios": False}
        for name, values in (("receipt", receipts), ("round end", rounds)):
            row["results"][name] = {"median": statistics.median(values), "min": min(values), "max": max(values),
                                    "peakMiB": 0, "runs": values}
        self.rows.append(row)
        self.print_row(row)

    @staticmethod
    def last_round_had_files(status):
        try:
            return json.load(open(status, encoding="utf-8")).get("files", 0) > 0
        except (OSError, ValueError):
            return False

    @staticmethod
    def wait(condition, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.01)
        raise SystemExit("timed out")

    def readers_during_round(self, size, base, work, source, person):
        """`show`, `stats` and `verify` started 0.5 s into a round processing the every-row return."""
        results = {}
        for reader in (["show", person], ["stats"], ["verify"]):
            values, statuses = [], []
            for _ in range(self.repeat):
                root = self.copy(base, work)
                self.drop(root, source, "还书-readers.xlsx")
                writer = subprocess.Popen([self.lixiao, "run", "--root", root, "--settle", "0"],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                time.sleep(0.5)
                running = writer.poll() is None
                seconds, _, status, _ = self.timed([self.lixiao, reader[0], "--root", root] + reader[1:])
                writer.wait()
                values.append(seconds)
                statuses.append(f"{status}{'' if running else ' (round already over)'}")
            results[f"{reader[0]} (exit {', '.join(sorted(set(statuses)))})"] = {
                "median": statistics.median(values), "min": min(values), "max": max(values), "peakMiB": 0,
                "runs": values}
        row = {"step": "readers while a round runs", "size": size, "goal": "never refused, never waits",
               "results": results, "ratios": False}
        self.rows.append(row)
        self.print_row(row)

    def scale(self, sizes):
        """Per person, relative to the smallest size: 1.00 is linear."""
        steps = ["registry intake → ledger + every output", "a 200-row return → receipt + outputs",
                 "a round with nothing to do (run)"]
        print("\nper person, relative to the smallest size (1.00 = linear; goal within 1.15×):")
        scaling = {}
        for step in steps:
            medians = {row["size"]: row["results"]["lixiao"]["median"] for row in self.rows
                       if row["step"] == step and "lixiao" in row["results"]}
            if len(medians) < 2:
                continue
            smallest = min(medians)
            ratios = {size: (medians[size] / size) / (medians[smallest] / smallest) for size in sorted(medians)}
            scaling[step] = ratios
            print(f"  {step:<44} " + "  ".join(f"{size}: {ratio:.2f}" for size, ratio in ratios.items()))
        return scaling


def machine():
    model = ""
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {"cpus": os.cpu_count(), "cpu": model, "memoryGiB": round(memory, 1), "system": platform.platform()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lixiao", required=True)
    parser.add_argument("--floors", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 50000, 200000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    bench = Bench(args)
    os.makedirs(bench.out, exist_ok=True)
    info = machine()
    print(f"machine: {info['cpus']} × {info['cpu']}, {info['memoryGiB']} GiB; {info['system']}")
    full_size = 50000 if 50000 in args.sizes else max(args.sizes)
    for size in args.sizes:
        print(f"\n{size:,} people", flush=True)
        bench.size(size, full=size == full_size)
    scaling = bench.scale(args.sizes)
    result = {"date": time.strftime("%Y-%m-%d %H:%M:%S %z"), "machine": info, "repeat": args.repeat,
              "lixiao": bench.lixiao, "rows": bench.rows, "perPersonScaling": scaling}
    path = os.path.join(bench.out, "results.json")
    with open(path, "w", encoding="utf-8") as file:
        json.dump(result, file, ensure_ascii=False, indent=2)
    print(f"\nwrote {path}")


if __name__ == "__main__":
    main()

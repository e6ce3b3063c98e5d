#!/usr/bin/env python3
"""The peer: the clearance pipeline a university IT office would script with openpyxl, written from scratch.

It keeps its ledger as one JSON file and writes, per department, the export staff fill in, the list of who is
still pending and a statistics sheet — the files lixiao's outbox holds for departments — plus one summary.
It checks nothing a real pipeline must (stale copies, origins, ranges, receipts): a floor for the peer, not a
rival. The benchmark times it beside lixiao on the same files.

usage: peer.py intake REGISTRY.xlsx STATE_DIR
       peer.py return RETURN.xlsx DEPARTMENT STATE_DIR
"""
import json
import os
import sys

import openpyxl

DEPARTMENTS = ["图书馆", "财务处", "学生公寓管理中心", "校园卡中心", "网络信息中心", "保卫处", "档案馆",
               "学生资助管理中心", "研究生院", "教务处", "学院党委", "导师签字"]
PROFILE = ["学号", "姓名", "学院", "专业", "班级", "培养层次"]
STATUS_TEXT = {1: "1 未办理", 2: "2 无需办理", 3: "3 已办理"}


def header_row(rows):
    """The first row holding 学号 or 学工号, and the row iterator positioned after it."""
    for row in rows:
        texts = [str(value).strip() if value is not None else "" for value in row]
        if "学号" in texts or "学工号" in texts:
            return texts
    sys.exit("no header row")


def intake(registry, state):
    workbook = openpyxl.load_workbook(registry, read_only=True)
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    header = header_row(rows)
    columns = {name: header.index(name) for name in header if name}
    id_column = columns.get("学号", columns.get("学工号"))
    people = {}
    for row in rows:
        if row[id_column] is None:
            continue
        person = {name: "" if row[columns[name]] is None else str(row[columns[name]])
                  for name in PROFILE if name in columns}
        person["学号"] = str(row[id_column])
        person["status"] = {department: [1, ""] for department in DEPARTMENTS}
        people[person["学号"]] = person
    os.makedirs(state, exist_ok=True)
    save(people, state)
    for department in DEPARTMENTS:
        write_department(people, department, state)
    write_summary(people, state)


def apply_return(path, department, state):
    people = json.load(open(os.path.join(state, "ledger.json"), encoding="utf-8"))
    workbook = openpyxl.load_workbook(path, read_only=True)
    sheet = next(ws for ws in workbook.worksheets if ws.sheet_state == "visible")
    rows = sheet.iter_rows(values_only=True)
    header = header_row(rows)
    id_column = header.index("学工号") if "学工号" in header else header.index("学号")
    status_column, remark_column = header.index("办理状态"), header.index("办理备注")
    changed = 0
    for row in rows:
        person = people.get(str(row[id_column])) if row[id_column] is not None else None
        if person is None:
            continue
        text = str(row[status_column] or "").strip()
        status = int(text[0]) if text[:1] in ("1", "2", "3") else 1
        remark = "" if row[remark_column] is None else str(row[remark_column])
        if person["status"][department] != [status, remark]:
            person["status"][department] = [status, remark]
            changed += 1
    save(people, state)
    write_department(people, department, state)
    write_summary(people, state)
    print(f"{changed} changed")


def save(people, state):
    temporary = os.path.join(state, "ledger.json.tmp")
    with open(temporary, "w", encoding="utf-8") as file:
        json.dump(people, file, ensure_ascii=False)
    os.replace(temporary, os.path.join(state, "ledger.json"))


def write_department(people, department, state):
    folder = os.path.join(state, "outbox", department)
    os.makedirs(folder, exist_ok=True)
    export = openpyxl.Workbook(write_only=True)
    sheet = export.create_sheet("lixiao")
    sheet.append(PROFILE + ["办理状态", "办理备注"])
    pending = openpyxl.Workbook(write_only=True)
    pending_sheet = pending.create_sheet("催办名单")
    pending_sheet.append(PROFILE)
    counts = {1: 0, 2: 0, 3: 0}
    for person_id in sorted(people):
        person = people[person_id]
        status, remark = person["status"][department]
        counts[status] += 1
        profile = [person.get(name, "") for name in PROFILE]
        sheet.append(profile + [STATUS_TEXT[status], remark])
        if status == 1:
            pending_sheet.append(profile)
    export.save(os.path.join(folder, f"数据导出-{department}.xlsx"))
    pending.save(os.path.join(folder, f"催办名单-{department}.xlsx"))
    statistics = openpyxl.Workbook()
    stats_sheet = statistics.active
    stats_sheet.title = "办理统计"
    stats_sheet.append(["办理状态", "人数"])
    for status, count in counts.items():
        stats_sheet.append([STATUS_TEXT[status], count])
    statistics.save(os.path.join(folder, f"办理统计-{department}.xlsx"))


def write_summary(people, state):
    summary = openpyxl.Workbook()
    sheet = summary.active
    sheet.title = "离校办理统计"
    sheet.append(["部门", "未办理", "无需办理", "已办理"])
    for department in DEPARTMENTS:
        counts = {1: 0, 2: 0, 3: 0}
        for person in people.values():
            counts[person["status"][department][0]] += 1
        sheet.append([department, counts[1], counts[2], counts[3]])
    summary.save(os.path.join(state, "outbox", "离校办理统计.xlsx"))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "intake":
        intake(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == "return":
        apply_return(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)

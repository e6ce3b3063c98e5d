#!/usr/bin/env python3
"""Writes the intake fixtures for PipelineTests: registry exports and college rosters, as other programs write them.

Run `bash make_fixtures.sh` (it calls this, then LibreOffice for the .xls and the GBK CSV).
"""
import csv
import os
import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = ["学号", "姓名", "性别", "学院", "专业", "班级", "培养层次", "导师工号", "导师姓名", "公寓楼", "房间",
          "离校批次", "身份证号", "联系电话"]
SUMMER, WINTER = "2027届夏季毕业", "2027届冬季毕业"
REGISTRY = [
    # 学号 as int, like registrar exports saved by Excel.
    [2023110101, "张伟", "男", "计算机科学与技术学院", "软件工程", "软工2301", "本科", "", "", "10号楼", "305", SUMMER, "110101200501011234", "13800000001"],
    [2023110102, "王芳", "女", "计算机科学与技术学院", "软件工程", "软工2301", "本科", "", "", "", "", SUMMER, "110101200502021234", "13800000002"],
    [2024210305, "李娜", "女", "外国语学院", "英语语言文学", "英硕2401", "硕士", "T2003015", "陈教授", "研3号楼", "112", SUMMER, "", ""],
    [2022310017, "欧阳明轩", "男", "机械工程学院", "机械工程", "机博2201", "博士", "T1998002", "刘教授", "", "", WINTER, "", ""],
    [2023110199, "赵敏", "女", "经济管理学院", "会计学（ACCA）", "会计2302", "本科", "", "", "2号楼", "201", SUMMER, "", ""],
    [2024110001, "孙强", "男", "计算机科学与技术学院", "软件工程", "软工2401", "本科", "", "", "", "", "2028届夏季毕业", "", ""],
    [2023110150, "钱多多", "男", "不存在学院", "软件工程", "软工2301", "本科", "", "", "", "", SUMMER, "", ""],
    [2023110151, "周八", "男", "计算机科学与技术学院", "软件工程", "软工2301", "专科", "", "", "", "", SUMMER, "", ""],
    [2023110101, "张伟(重复)", "男", "计算机科学与技术学院", "软件工程", "软工2301", "本科", "", "", "", "", SUMMER, "", ""],
]
# The next export: 张伟 changed major, 王芳 moved to the winter batch, 赵敏 unchanged, a new person appears.
UPDATE = [
    [2023110101, "张伟", "男", "计算机科学与技术学院", "计算机科学与技术", "软工2301", "本科", "", "", "10号楼", "305", SUMMER],
    [2023110102, "王芳", "女", "计算机科学与技术学院", "软件工程", "软工2301", "本科", "", "", "", "", WINTER],
    [2023110199, "赵敏", "女", "经济管理学院", "会计学（ACCA）", "会计2302", "本科", "", "", "2号楼", "201", SUMMER],
    [2023120007, "吴婷", "女", "电子信息工程学院", "通信工程", "通信2301", "本科", "", "", "7号楼", "512", SUMMER],
]
ROSTER_HEADER = ["学工号", "姓名", "性别", "学院", "专业", "班级", "培养层次", "离校批次", "公寓楼", "房间"]
ROSTER = [
    ["J2027001", "郑进修", "男", "计算机科学与技术学院", "软件工程", "进修班", "本科", SUMMER, "", ""],
    ["J2027002", "冯访学", "女", "", "软件工程", "访问学者", "博士", SUMMER, "", ""],
    ["J2027003", "陈他院", "男", "外国语学院", "英语", "进修班", "本科", SUMMER, "", ""],
    ["2023110101", "张伟", "男", "计算机科学与技术学院", "软件工程", "软工2301", "本科", SUMMER, "", ""],
    ["2024110001", "孙强", "男", "计算机科学与技术学院", "软件工程", "软工2401", "本科", SUMMER, "", ""],
    ["J2027004", "褚无批", "男", "计算机科学与技术学院", "软件工程", "进修班", "本科", "2030届", "", ""],
]


def workbook(path, title, header, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append([title])
    ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)


def large_registry(count):
    """A plain registry of `count` departing people, for the file-size-limit test."""
    colleges = ["计算机科学与技术学院", "外国语学院", "机械工程学院", "经济管理学院"]
    rows = []
    for n in range(count):
        rows.append([2023300000 + n, f"学生{n:04d}", "男" if n % 2 else "女", colleges[n % 4], "专业", f"班{n % 10}",
                     "本科", "", "", f"{n % 12 + 1}号楼", str(100 + n % 50), SUMMER])
    return rows


def main():
    workbook(os.path.join(HERE, "registry.xlsx"), "2027届毕业生学籍信息", HEADER, REGISTRY)
    workbook(os.path.join(HERE, "registry-update.xlsx"), "学籍库导出（第二次）", HEADER[:12], UPDATE)
    workbook(os.path.join(HERE, "registry-400.xlsx"), "学籍库导出", HEADER[:12], large_registry(400))
    workbook(os.path.join(HERE, "roster-cs.xlsx"), "计算机科学与技术学院离校人员导入", ROSTER_HEADER, ROSTER)
    with open(os.path.join(HERE, "registry-gbk.csv"), "w", encoding="gbk", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(HEADER)
        for row in REGISTRY:
            writer.writerow(row)


if __name__ == "__main__":
    main()

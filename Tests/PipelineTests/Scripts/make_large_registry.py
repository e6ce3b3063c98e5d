#!/usr/bin/env python3
"""Writes a registrar's export of N departing people (openpyxl, write-only), for scale runs.

usage: make_large_registry.py N OUT.xlsx [--seed S]
"""
import random
import sys

import openpyxl

COLLEGES = ["计算机科学与技术学院", "电子信息工程学院", "机械工程学院", "土木工程学院", "化学化工学院", "数学与统计学院",
            "物理学院", "生命科学学院", "经济管理学院", "法学院", "文学院", "外国语学院", "医学院", "艺术学院", "马克思主义学院"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉宇浩凯欣怡晨阳雪梅琳婷鹏飞"


def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 2027
    rng = random.Random(seed)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("学籍信息")
    ws.append(["2027届毕业生学籍信息"])
    ws.append(["学号", "姓名", "性别", "学院", "专业", "班级", "培养层次", "导师工号", "导师姓名", "公寓楼", "房间", "离校批次", "身份证号"])
    for n in range(count):
        level = rng.choices(["本科", "硕士", "博士"], [70, 25, 5])[0]
        college = COLLEGES[n % len(COLLEGES)]
        advisor = f"T{2000000 + rng.randrange(3000)}" if level != "本科" else ""
        resident = rng.random() < 0.8
        ws.append([2023000000 + n, rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2]))),
                   rng.choice("男女"), college, "专业" + str(n % 40), f"班{n % 300:03d}", level, advisor,
                   "导师" + advisor[-3:] if advisor else "", f"{rng.randrange(1, 40)}号楼" if resident else "",
                   str(rng.randrange(101, 720)) if resident else "",
                   rng.choices(["2027届夏季毕业", "2027届冬季毕业", "2028届夏季毕业"], [80, 10, 10])[0],
                   f"{rng.randrange(10**17, 10**18)}"])
    wb.save(out)


if __name__ == "__main__":
    main()

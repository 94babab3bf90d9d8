"""A 解读 written one heading per question (二、什么时候可以申报？ then its answer): the heading repeats the
user's ask and answers nothing, so it is never cited beside the answer as further evidence (issue 13 point 4)."""

from assistant.answering.ask import ask

BASE = """白鹭市数控机床产业专项资金管理办法（虚构测试文档）

白政办发〔2026〕9号

第一条 为支持数控机床产业发展，设立市级专项资金。

第二条 对企业研制的首台（套）数控机床，按销售价格的15%给予奖励，最高不超过300万元。

第三条 专项资金每年3月1日至4月30日受理申报。

第四条 本办法自2026年1月1日起施行，有效期至2028年12月31日。

白鹭市人民政府办公室
2026年1月1日
"""

JIEDU = """《白鹭市数控机床产业专项资金管理办法》政策解读（虚构测试文档）

来源：白鹭市经济和信息化局　发布时间：2026-01-05

一、出台背景是什么？

为支持数控机床产业发展，市政府印发了《白鹭市数控机床产业专项资金管理办法》。

二、什么时候可以申报？

专项资金每年3月1日至4月30日集中受理，企业可在此期间向所在区经信部门提交材料。

三、首台套奖励多少？

按销售价格的百分之十五给予奖励，单台最高三百万元。
"""


def test_a_question_heading_is_not_cited_beside_its_answer(tmp_path, small_caches, embedder):
    from conftest import ingested_library

    rt = ingested_library(tmp_path, {"bailu-measures.txt": BASE, "bailu-jiedu.md": JIEDU}, small_caches, embedder)
    for question in ["解读里说什么时候可以申报？", "这个办法什么时候可以申报？"]:
        answer = ask(rt, question)
        assert "3月1日至4月30日" in answer.answer
        quotes = [c.quote for c in answer.citations]
        assert not any(q.strip().endswith("？") for q in quotes), quotes  # 二、什么时候可以申报？ answers nothing

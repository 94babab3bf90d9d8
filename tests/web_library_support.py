"""A fictional city 若干措施 (第X条, amounts, a 文号, an execution period) and a private runtime to upload it to.

Shared by tests/test_web_library.py (REST + gradio_client) and tests/test_browser.py (Playwright).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from assistant.settings import Settings

TODAY = dt.date(2026, 6, 1)  # inside the measures' period (2025-01-01 to 2027-12-31); the plan expired in 2017
CITY_TITLE = "虚构测试：襄阳市支持智能装备产业发展若干措施"  # fictional: marked so in its title
CITY_MEASURES = """襄阳市人民政府办公室文件

襄政办发〔2025〕8号

虚构测试：襄阳市支持智能装备产业发展若干措施

各县（市、区）人民政府，市政府各部门：
为加快智能装备产业发展，现提出如下措施。

第一条 对首次认定为国家级专精特新“小巨人”企业的，一次性奖励50万元。
第二条 对年主营业务收入首次突破5亿元的智能装备企业，按其当年研发投入的10%给予补助，最高不超过300万元。
第三条 对企业购置智能制造设备的，按设备投资额的30%给予补贴，单个企业最高800万元。
第四条 本措施自2025年1月1日起施行，有效期至2027年12月31日。由市经济和信息化局负责解释。

襄阳市人民政府办公室
2024年12月20日
"""
CITY_DOC_ID = "xiangyang-measures"
CITY_FILE = CITY_DOC_ID + ".txt"
DOC_NUMBER = "襄政办发〔2025〕8号"


def library_runtime(root: Path, seed_cache: Path, embedder):
    """A Runtime over the shipped knowledge folder with its own data dir (uploads stay private),
    today fixed at TODAY; the plan's embeddings are seeded from `seed_cache`."""
    from assistant.ingest import ingest
    from assistant.runtime import Runtime

    data = root / "data"
    for name in ("jieba", "embeddings"):
        if (seed_cache / name).exists():
            shutil.copytree(seed_cache / name, data / "cache" / name)
    runtime = Runtime(Settings(data_dir=data), embedder=embedder, clock=lambda: TODAY)
    assert ingest(runtime).status == "built"
    return runtime

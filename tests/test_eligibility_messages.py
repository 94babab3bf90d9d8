"""The eligibility path's user-facing words live in knowledge/messages/*.yaml, in zh and en (issue 13):
the matcher's disclaimer and extraction notice, the `assistant match` text labels, the Sources/Note
labels of rendered answers."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from string import Formatter

import pytest

from assistant.cli import main
from assistant.eligibility import load_catalogue, parse_profile
from assistant.eligibility.profile import OfflineExtractor
from assistant.eligibility.service import Eligibility
from assistant.eligibility.vocabulary import load_vocabulary
from assistant.settings import Settings
from assistant.types import Answer, Citation, Notice
from assistant.web import render
from assistant.web.messages import web_messages

SETTINGS = Settings()
_CJK = re.compile(r"[\u3400-\u9fff]")


def _eligibility(vocabulary_path: Path = SETTINGS.vocabulary_path, catalogue_path: Path = SETTINGS.catalogue_path):
    catalogue = load_catalogue(catalogue_path, vocabulary_path=vocabulary_path)
    return Eligibility(catalogue, OfflineExtractor(catalogue.vocabulary))


def _notice(result, code: str) -> str:
    return next(n.message for n in result.notices if n.code == code)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_disclaimer_and_extraction_notice_follow_the_language(lang):
    eligibility = _eligibility()
    company = parse_profile({"city": "襄阳", "sectors": ["工业机器人"], "above_scale": True}, eligibility.vocabulary)
    result = eligibility.result_for(company, ["city", "sectors", "above_scale"], lang=lang)
    disclaimer, extracted = _notice(result, "eligibility_disclaimer"), _notice(result, "profile_extracted")
    if lang == "en":
        assert not _CJK.search(disclaimer) and "not a ruling" in disclaimer
        assert extracted.startswith("Read from the description:") and "City: 襄阳" in extracted and "yes" in extracted
    else:
        assert "不等于申报资格认定" in disclaimer and extracted.startswith("从描述中识别出")


def test_the_disclaimer_is_read_from_the_knowledge_folders_messages(tmp_path):
    knowledge = tmp_path / "knowledge"
    shutil.copytree(SETTINGS.knowledge_dir, knowledge)
    path = knowledge / "messages" / "eligibility.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("不等于申报资格认定", "并非资格认定（测试）"),
                    encoding="utf-8")
    eligibility = _eligibility(knowledge / "vocabulary.yaml", knowledge / "catalogue.yaml")
    result = eligibility.result_for(parse_profile({"city": "襄阳"}, eligibility.vocabulary), [])
    assert "并非资格认定（测试）" in _notice(result, "eligibility_disclaimer")


def test_every_eligibility_message_renders_in_both_languages():
    messages = load_vocabulary(SETTINGS.vocabulary_path).messages
    assert {"disclaimer", "extracted", "match_profile", "match_item", "match_notice"} <= set(messages.texts)
    for key, entry in messages.texts.items():
        for lang in ("zh", "en"):
            names = {f for _, f, _, _ in Formatter().parse(getattr(entry, lang)) if f}
            text = messages.text(key, lang, **{n: "X" for n in names})
            assert text and "{" not in text, (key, lang)
            assert lang == "zh" or not _CJK.search(text), (key, text)


def _answer(lang: str) -> Answer:
    c = Citation(n=1, doc_id="d", doc_title="文", anchor="一", section="一", quote="答", start=0, end=1, score=1.0)
    return Answer(question="q", answer="答。[1]", abstained=False, citations=[c], mode="extractive", lang=lang,
                  notices=[Notice(code="x", message="注意")])


def test_rendered_sources_and_note_labels_come_from_the_messages_file(tmp_path):
    messages = tmp_path / "messages"
    shutil.copytree(SETTINGS.messages_dir, messages)
    path = messages / "web.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("sources_title: {zh: 来源, en: Sources}",
                                                             "sources_title: {zh: 出处, en: References}"),
                    encoding="utf-8")
    msg = web_messages(messages)
    assert render.sources_text(_answer("en"), msg=msg).startswith("References:")
    assert render.sources_text(_answer("zh"), msg=msg).startswith("出处：")
    assert render.strip_sources(render.full_text(_answer("zh"), msg=msg), msg=msg) == "答。[1]"
    assert "**References**" in render.answer_markdown(_answer("en"), msg=msg)
    default = render.sources_text(_answer("en"))
    assert default.startswith("Sources:") and "Note: 注意" in default


@pytest.mark.parametrize(("describe", "labels", "absent"), [
    ("我们是襄阳一家做精密减速器的企业", ("企业画像：", "提示："), "Company profile"),
    ("We make precision reducers for robots in Xiangyang", ("Company profile: ", "Note: "), "企业画像"),
])
def test_match_text_output_labels_follow_the_description_language(capsys, describe, labels, absent):
    # The autouse fixture points ASSISTANT_DATA_DIR at an empty folder: the curated catalogue alone.
    assert main(["match", "--describe", describe, "--all"]) == 0
    out = capsys.readouterr().out
    assert all(label in out for label in labels) and absent not in out


# ---- the language of `assistant match` by the one rule (assistant.text.reply_lang) ------------------

ZH_COMPANY = "我们是襄阳一家做精密减速器的中小企业，想贷款"
EN_COMPANY = "We are an SME in Xiangyang making precision reducers for robots and want a loan"


def _disclaimer_lang(result: dict) -> str:
    text = next(n["message"] for n in result["notices"] if n["code"] == "eligibility_disclaimer")
    return "zh" if _CJK.search(text) else "en"


def test_match_lang_option_takes_any_zh_or_en_tag_and_refuses_others_in_one_line(capsys):
    assert main(["match", "--describe", ZH_COMPANY, "--lang", "en-US", "--json", "--all"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["lang"] == "en" and _disclaimer_lang(result) == "en"
    reasons = [c["reason"] for m in [*result["matches"], *result["unavailable"]] for c in m["conditions"]]
    assert reasons and all(not _CJK.match(r) for r in reasons)  # English sentences (names stay verbatim)
    with pytest.raises(SystemExit) as exit_info:
        main(["match", "--describe", ZH_COMPANY, "--lang", "fr"])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2 and "Traceback" not in err
    assert "Unsupported language “fr”" in err.strip().splitlines()[-1]


def test_match_batch_lines_take_their_own_language(tmp_path, capsys):
    batch = tmp_path / "profiles.jsonl"
    lines = [{"id": "zh", "description": ZH_COMPANY}, {"id": "named", "description": ZH_COMPANY, "lang": "en"},
             {"id": "en", "description": EN_COMPANY}, {"id": "bad", "description": EN_COMPANY, "lang": "klingon"},
             {"id": "fields", "profile": {"city": "襄阳"}}]
    batch.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    assert main(["match", "--batch", str(batch), "--json"]) == 1  # the bad line fails alone
    out = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["id"] for x in out] == ["zh", "named", "en", "bad", "fields"]
    assert [x.get("lang") for x in out] == ["zh", "en", "en", None, "zh"]
    assert [_disclaimer_lang(x) for x in out if "error" not in x] == ["zh", "en", "en", "zh"]
    assert "Unsupported language “klingon”" in out[3]["error"]
    # --lang names the language of every line that names none; a line's own "lang" still wins.
    assert main(["match", "--batch", str(batch), "--json", "--lang", "en"]) == 1
    out = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x.get("lang") for x in out] == ["en", "en", "en", None, "en"]


def test_a_batch_lines_null_or_blank_lang_leaves_the_lang_option(tmp_path, capsys):
    """"lang": null / "" names no language (as in the REST body): --lang decides, not the description
    (those lines were answered in the description's language, --lang ignored)."""
    batch = tmp_path / "profiles.jsonl"
    lines = [{"id": i, "description": ZH_COMPANY, "lang": lang} for i, lang in (("null", None), ("empty", ""),
                                                                               ("blank", "  "), ("zh", "zh"))]
    batch.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    assert main(["match", "--batch", str(batch), "--json", "--lang", "en"]) == 0
    out = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(x["id"], x["lang"]) for x in out] == [("null", "en"), ("empty", "en"), ("blank", "en"), ("zh", "zh")]

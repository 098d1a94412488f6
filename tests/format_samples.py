"""Files in each format, made from a plain text by the tests themselves: a saved
web page with boilerplate around the text, a PDF set in reportlab's built-in
Chinese CID font with a running header and page numbers, a Word file, a scan
(a PDF page holding only an image)."""

from __future__ import annotations

import html
import io
from dataclasses import dataclass

# Figures in the chrome of the page: none of them may become a record.
CHROME_FIGURES = (888, 777, 666, 555)
PAGE_TEMPLATE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}_政协网站</title>
<meta name="PubDate" content="{published} 09:30">
<link rel="canonical" href="{url}">
<script>var stats = "收到提案999件"; window.onload = function () {{}};</script>
<style>.nav {{ color: red; }}</style></head>
<body>
<div class="top"><a href="/">首页</a> | <a href="/news">政协要闻</a> | <a href="/ta">提案工作</a> | <a href="/sq">社情民意</a> | <a href="/login">登录</a></div>
<div class="nav"><ul><li><a href="/wy">委员风采</a></li><li><a href="/lz">履职动态</a></li><li><a href="/xx">学习园地</a></li></ul></div>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/news">政协要闻</a></div>
<div class="content">
<div class="sidebar"><h3>热点新闻</h3><ul>
<li><a href="/n/1.html">市政协召开常委会议 收到提案888件</a></li>
<li><a href="/n/2.html">县政协开展专题协商777次</a></li>
<li><a href="/n/3.html">社情民意信息被采用666条</a></li></ul></div>
<div class="article"><h1>{title}</h1>
<div class="info">发布时间：{published} 来源：办公室 浏览次数：1234</div>
{body}
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
<div class="pager"><a href="/n/4.html">上一篇：委员视察555次</a> <a href="/n/5.html">下一篇：区政协召开主席会议</a></div>
</div>
<div class="footer"><p>主办：政协某某委员会办公室 地址：某某路1号 邮编：400000 电话：023-12345678</p>
<p>备案号：某ICP备12345678号-1 网站标识码：5001060001 访问量：987654</p></div>
</body></html>"""
LINKS_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>政协要闻</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/news">政协要闻</a></div><ul class="list">
{items}</ul><div class="pages"><a href="?p=2">下一页</a></div><div class="footer">版权所有 政协某某委员会</div>
</body></html>"""


def paragraphs(text: str) -> list[str]:
    """The text's lines that hold something: each a paragraph."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def web_page(text: str, published: str = "2025-01-20", url: str = "https://example.org/news/1.html",
             table_layout: bool = False) -> bytes:
    """The text as the article of a page with menus, sidebar, share links, pager and footer;
    with table_layout, as older sites lay it out: menu and article in the cells of a table."""
    lines = paragraphs(text)
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines[1:])
    page = PAGE_TEMPLATE.format(title=html.escape(lines[0]), published=published, url=url, body=body)
    if table_layout:
        page = page.replace('<div class="article">', '<table width="100%"><tr><td class="menu"><a href="/">首页</a>'
                            '<br><a href="/news">政协要闻</a></td><td class="article">'
                            ).replace('<div class="share">', '</td></tr></table><div class="share">')
    return page.encode()


def links_page(n: int = 20) -> bytes:
    items = "\n".join(f'<li><a href="/n/{k}.html">区政协召开第{k}次主席会议 收到提案{100 + k}件</a>'
                      f"<span>2025-01-{k:02d}</span></li>" for k in range(1, n + 1))
    return LINKS_PAGE.format(items=items).encode()


def word_file(text: str, table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "政协工作报告汇编 第1页"  # never part of the text
    for line in paragraphs(text):
        document.add_paragraph(line)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


FONT = "STSong-Light"
HEADER = "政协工作报告汇编"


@dataclass(frozen=True)
class MadePdf:
    data: bytes
    pages: list[str]  # each page's body lines, run together: what a figure's page is checked against


def pdf_file(text: str, size: float = 11, password: str | None = None) -> MadePdf:
    """The text set as a report: paragraphs indented two characters and wrapped at the
    margin, a running header on every page and the page number in the footer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    width, height = A4
    left, right, top, bottom = 72, width - 72, height - 90, 90
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, encrypt=password)
    pages = [""]

    def furniture() -> None:
        pdf.setFont(FONT, 9)
        pdf.drawString(left, height - 50, HEADER)
        pdf.drawCentredString(width / 2, 50, f"- {len(pages)} -")
        pdf.setFont(FONT, size)

    def wrapped(paragraph: str) -> list[tuple[float, str]]:
        lines, line, x = [], "", left + 2 * size
        for char in paragraph:
            if pdfmetrics.stringWidth(line + char, FONT, size) > right - x:
                lines.append((x, line))
                line, x = "", left
            line += char
        return lines + [(x, line)]

    furniture()
    y = top
    for paragraph in paragraphs(text):
        for x, line in wrapped(paragraph):
            if y < bottom:
                pdf.showPage()
                pages.append("")
                furniture()
                y = top
            pdf.drawString(x, y, line)
            pages[-1] += line
            y -= size * 1.6
    pdf.save()
    return MadePdf(out.getvalue(), pages)


def scanned_pdf() -> bytes:
    """A page that is a picture of text: shapes only, no text layer."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    for k in range(30):
        pdf.rect(72, 700 - 20 * k, 400, 8, fill=1)
    pdf.showPage()
    pdf.save()
    return out.getvalue()

"""Charts as PNG for organisers (matplotlib, Agg backend, no pyplot state).

Chinese labels need a CJK font, and neither a fresh CI machine nor a slim
production image has one. The ``pylopdf-fonts-zh-cn`` wheel carries Noto Sans
SC (SIL OFL) as package data, so the font arrives with ``pip install`` like
any other dependency; it is registered with matplotlib on first use. If it is
ever missing the charts still render (with DejaVu Sans, Chinese as boxes) and
a warning is logged, rather than failing the organiser's request.

matplotlib is imported lazily: app start-up and check-in workers never pay
for it.
"""
import io
import logging
import threading

log = logging.getLogger(__name__)

PARTY_RED = "#c8161d"

_setup_lock = threading.Lock()
_ready = False


def matplotlib_classes():
    global _ready
    with _setup_lock:
        if not _ready:
            import matplotlib

            matplotlib.use("Agg", force=True)
            from matplotlib import font_manager, rcParams

            families = ["DejaVu Sans"]
            try:
                import pylopdf_fonts_zh_cn

                path = str(pylopdf_fonts_zh_cn.sans_path())
                font_manager.fontManager.addfont(path)
                families.insert(0, font_manager.FontProperties(fname=path).get_name())
            except (ImportError, OSError, RuntimeError):
                log.warning("no CJK font for charts; Chinese labels will not render", exc_info=True)
            rcParams["font.family"] = "sans-serif"
            rcParams["font.sans-serif"] = families + list(rcParams["font.sans-serif"])
            rcParams["axes.unicode_minus"] = False
            _ready = True
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    return Figure, FigureCanvasAgg


def integer_locator():
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True)


def render_png(figure, canvas_class):
    canvas_class(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110)
    return buffer.getvalue()


def text_width(text):
    """``text``'s width in full-width characters: a CJK character is one, a
    Latin letter, digit or space about half."""
    return sum(0.5 if ord(char) < 0x2E80 else 1.0 for char in text)


def wrap(text, width, lines=None):
    """``text`` broken into lines of at most ``width`` full-width characters,
    so matplotlib never cuts it at the figure's edge; with ``lines``, the
    last line kept ends with … when there is more."""
    out, line, used = [], "", 0.0
    for char in text:
        if used + text_width(char) > width and line:
            out.append(line)
            line, used = "", 0.0
        line += char
        used += text_width(char)
    if line:
        out.append(line)
    if lines is not None and len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][:-1] + "…"
    return "\n".join(out)

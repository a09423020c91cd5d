#include "yamlhighlighter.h"

#include <QTextDocument>

namespace Pot::Qml {

class YamlHighlighter::Highlighter final : public QSyntaxHighlighter
{
public:
    Highlighter(YamlHighlighter *owner, QTextDocument *doc) : QSyntaxHighlighter(doc), m_owner(owner) {}

protected:
    void highlightBlock(const QString &text) override
    {
        static const QRegularExpression key(QStringLiteral("^(\\s*(?:-\\s+)?)([^\\s#'\"{}\\[\\],][^:#]*?|\"[^\"]*\"|'[^']*')\\s*:(?=\\s|$)"));
        static const QRegularExpression quoted(QStringLiteral("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^']|'')*'"));
        static const QRegularExpression scalar(QStringLiteral("(?<=[:\\[,{-]\\s)\\s*(-?[0-9][0-9_]*(\\.[0-9]+)?([eE][-+]?[0-9]+)?[kmgtKMGT]?|true|false|null|~)(?=\\s*($|[,\\]}#]))"));
        static const QRegularExpression separator(QStringLiteral("^(---|\\.\\.\\.)(\\s|$)"));

        QTextCharFormat keyFormat;
        keyFormat.setForeground(m_owner->m_key);
        QTextCharFormat stringFormat;
        stringFormat.setForeground(m_owner->m_string);
        QTextCharFormat valueFormat;
        valueFormat.setForeground(m_owner->m_value);
        QTextCharFormat commentFormat;
        commentFormat.setForeground(m_owner->m_comment);
        commentFormat.setFontItalic(true);

        if (const auto m = separator.match(text); m.hasMatch()) {
            QTextCharFormat f = commentFormat;
            f.setFontItalic(false);
            f.setFontWeight(QFont::Bold);
            setFormat(0, int(m.capturedLength(1)), f);
        }
        // Quoted text first: a '#' or ':' inside quotes is neither a comment nor a key.
        QList<std::pair<qsizetype, qsizetype>> strings;
        for (auto it = quoted.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            strings << std::pair{m.capturedStart(), m.capturedEnd()};
            setFormat(int(m.capturedStart()), int(m.capturedLength()), stringFormat);
        }
        auto inString = [&strings](qsizetype pos) {
            for (const auto &[from, to] : strings) {
                if (pos >= from && pos < to)
                    return true;
            }
            return false;
        };
        if (const auto m = key.match(text); m.hasMatch())
            setFormat(int(m.capturedStart(2)), int(m.capturedLength(2)), keyFormat);
        for (auto it = scalar.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            if (!inString(m.capturedStart(1)))
                setFormat(int(m.capturedStart(1)), int(m.capturedLength(1)), valueFormat);
        }
        // A comment starts at '#' at the line start or after a space, outside quotes.
        for (qsizetype i = 0; i < text.size(); ++i) {
            if (text.at(i) == u'#' && (i == 0 || text.at(i - 1).isSpace()) && !inString(i)) {
                setFormat(int(i), int(text.size() - i), commentFormat);
                break;
            }
        }
        const int line = currentBlock().blockNumber() + 1;
        const bool error = m_owner->m_errorLines.contains(line);
        if (error || m_owner->m_warningLines.contains(line)) {
            for (int i = 0; i < text.size(); ++i) {
                QTextCharFormat f = format(i);
                f.setUnderlineStyle(QTextCharFormat::WaveUnderline);
                f.setUnderlineColor(error ? m_owner->m_error : m_owner->m_warning);
                setFormat(i, 1, f);
            }
        }
    }

private:
    YamlHighlighter *m_owner;
};

YamlHighlighter::YamlHighlighter(QObject *parent) : QObject(parent)
{
    connect(this, &YamlHighlighter::coloursChanged, this, &YamlHighlighter::rehighlight);
}

void YamlHighlighter::setDocument(QQuickTextDocument *document)
{
    if (document == m_document)
        return;
    delete m_highlighter;
    m_highlighter = nullptr;
    m_document = document;
    if (document && document->textDocument())
        m_highlighter = new Highlighter(this, document->textDocument());
    Q_EMIT documentChanged();
}

void YamlHighlighter::setErrorLines(const QList<int> &lines)
{
    if (lines == m_errorLines)
        return;
    m_errorLines = lines;
    Q_EMIT linesChanged();
    rehighlight();
}

void YamlHighlighter::setWarningLines(const QList<int> &lines)
{
    if (lines == m_warningLines)
        return;
    m_warningLines = lines;
    Q_EMIT linesChanged();
    rehighlight();
}

void YamlHighlighter::rehighlight()
{
    if (m_highlighter)
        m_highlighter->rehighlight();
}

} // namespace Pot::Qml

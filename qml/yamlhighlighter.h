#pragma once

#include <QColor>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QQuickTextDocument>
#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QtQml/qqml.h>

namespace Pot::Qml {

/// Colours the YAML of a TextArea (keys, comments, quoted text, numbers and booleans, document
/// separators) and underlines the lines that have a problem. Hand-written: Qt has no YAML
/// highlighter and KSyntaxHighlighting is not a dependency we take for one language; it colours
/// line by line with a few patterns, which is what a manifest of a few hundred lines needs.
class YamlHighlighter : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QQuickTextDocument *document READ document WRITE setDocument NOTIFY documentChanged)
    Q_PROPERTY(QColor keyColor MEMBER m_key NOTIFY coloursChanged)
    Q_PROPERTY(QColor commentColor MEMBER m_comment NOTIFY coloursChanged)
    Q_PROPERTY(QColor stringColor MEMBER m_string NOTIFY coloursChanged)
    Q_PROPERTY(QColor valueColor MEMBER m_value NOTIFY coloursChanged)
    Q_PROPERTY(QColor errorColor MEMBER m_error NOTIFY coloursChanged)
    Q_PROPERTY(QColor warningColor MEMBER m_warning NOTIFY coloursChanged)
    /// 1-based lines underlined as errors / warnings.
    Q_PROPERTY(QList<int> errorLines READ errorLines WRITE setErrorLines NOTIFY linesChanged)
    Q_PROPERTY(QList<int> warningLines READ warningLines WRITE setWarningLines NOTIFY linesChanged)

public:
    explicit YamlHighlighter(QObject *parent = nullptr);

    QQuickTextDocument *document() const { return m_document; }
    void setDocument(QQuickTextDocument *document);
    QList<int> errorLines() const { return m_errorLines; }
    void setErrorLines(const QList<int> &lines);
    QList<int> warningLines() const { return m_warningLines; }
    void setWarningLines(const QList<int> &lines);

Q_SIGNALS:
    void documentChanged();
    void coloursChanged();
    void linesChanged();

private:
    class Highlighter;
    void rehighlight();

    QPointer<QQuickTextDocument> m_document;
    Highlighter *m_highlighter = nullptr;
    QColor m_key{0x1f, 0x5f, 0xa8};
    QColor m_comment{0x6a, 0x73, 0x7d};
    QColor m_string{0x2e, 0x7d, 0x32};
    QColor m_value{0x8e, 0x44, 0xad};
    QColor m_error{0xc6, 0x28, 0x28};
    QColor m_warning{0xb2, 0x6a, 0x00};
    QList<int> m_errorLines;
    QList<int> m_warningLines;
};

} // namespace Pot::Qml

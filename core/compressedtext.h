#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <memory>

namespace Pot {

/// A zstd dictionary shared by the texts of one list (opaque).
class TextDictionary;
}
struct ZSTD_CCtx_s;
namespace Pot {

/// One text (a list element's JSON) compressed against its list's dictionary.
class CompressedText
{
public:
    CompressedText() = default;

    bool isEmpty() const { return m_data.isEmpty(); }
    /// Compressed size in bytes.
    qsizetype size() const { return m_data.size(); }
    /// The text as it was given.
    QByteArray text() const;
    const std::shared_ptr<const TextDictionary> &dictionary() const { return m_dictionary; }
    /// Same text. Texts compressed with the same dictionary compare without decompressing.
    bool sameText(const CompressedText &other) const;

private:
    friend class TextCompressor;
    std::shared_ptr<const TextDictionary> m_dictionary;
    QByteArray m_data;
};

/// Compresses the texts of one list (its elements' JSON) with libzstd against a dictionary: the
/// one given, or else one made of the list's first texts (objects of one list share most of their
/// keys and many values, so each compresses to a fraction of its size). Give it the dictionary of
/// the texts kept from the last load so that an unchanged text compresses to the same bytes.
/// Not thread-safe; one per load.
class TextCompressor
{
public:
    TextCompressor(const QList<QByteArrayView> &texts, std::shared_ptr<const TextDictionary> dictionary);
    ~TextCompressor();
    TextCompressor(const TextCompressor &) = delete;
    TextCompressor &operator=(const TextCompressor &) = delete;

    CompressedText compress(QByteArrayView text);

private:
    std::shared_ptr<const TextDictionary> m_dictionary;
    ZSTD_CCtx_s *m_context;
    QByteArray m_buffer;
};

} // namespace Pot

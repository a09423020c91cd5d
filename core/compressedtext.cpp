#include "compressedtext.h"

#include <zstd.h>

namespace Pot {

class TextDictionary
{
public:
    explicit TextDictionary(const QByteArray &content)
        // Raw content (no zstd dictionary header): the compressor matches against it directly.
        : compress(ZSTD_createCDict(content.constData(), size_t(content.size()), Level))
        , decompress(ZSTD_createDDict(content.constData(), size_t(content.size())))
    {}
    ~TextDictionary()
    {
        ZSTD_freeCDict(compress);
        ZSTD_freeDDict(decompress);
    }
    TextDictionary(const TextDictionary &) = delete;
    TextDictionary &operator=(const TextDictionary &) = delete;

    // A negative ("fast") level: a load compresses 40 MB of JSON. Measured with perf over bench_lists:
    // zstd's share of the load fell from 11.1 % (level 1) to 5.2 % (level -4), for 1.2 MiB more
    // resident with 10,000 agents + 10,000 users (bench_console_memory).
    static constexpr int Level = -4;
    ZSTD_CDict *const compress;
    ZSTD_DDict *const decompress;
};

namespace {

constexpr qsizetype MaxDictionaryBytes = 64 * 1024;
constexpr int MaxDictionaryTexts = 16;

} // namespace

QByteArray CompressedText::text() const
{
    if (m_data.isEmpty() || !m_dictionary)
        return {};
    const unsigned long long size = ZSTD_getFrameContentSize(m_data.constData(), size_t(m_data.size()));
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN)
        return {};
    QByteArray out(qsizetype(size), Qt::Uninitialized);
    ZSTD_DCtx *context = ZSTD_createDCtx();
    const size_t written = ZSTD_decompress_usingDDict(context, out.data(), size_t(out.size()), m_data.constData(),
                                                      size_t(m_data.size()), m_dictionary->decompress);
    ZSTD_freeDCtx(context);
    if (ZSTD_isError(written) || written != size)
        return {};
    return out;
}

bool CompressedText::sameText(const CompressedText &other) const
{
    if (m_dictionary == other.m_dictionary)
        return m_data == other.m_data; // compression is deterministic
    return text() == other.text();
}

TextCompressor::TextCompressor(const QList<QByteArrayView> &texts,
                               std::shared_ptr<const TextDictionary> dictionary)
    : m_dictionary(std::move(dictionary))
    , m_context(ZSTD_createCCtx())
{
    if (!m_dictionary) {
        QByteArray content;
        for (qsizetype i = 0; i < texts.size() && i < MaxDictionaryTexts; ++i) {
            if (content.size() + texts.at(i).size() > MaxDictionaryBytes)
                break;
            content += texts.at(i);
        }
        m_dictionary = std::make_shared<const TextDictionary>(content);
    }
}

TextCompressor::~TextCompressor()
{
    ZSTD_freeCCtx(m_context);
}

CompressedText TextCompressor::compress(QByteArrayView text)
{
    m_buffer.resize(qsizetype(ZSTD_compressBound(size_t(text.size()))));
    const size_t size = ZSTD_compress_usingCDict(m_context, m_buffer.data(), size_t(m_buffer.size()), text.data(),
                                                 size_t(text.size()), m_dictionary->compress);
    CompressedText c;
    c.m_dictionary = m_dictionary;
    if (!ZSTD_isError(size))
        c.m_data = QByteArray(m_buffer.constData(), qsizetype(size)); // exact size, no spare capacity
    return c;
}

} // namespace Pot

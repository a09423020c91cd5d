#include "jsonelements.h"

#include <simdjson.h>

#include <string_view>

namespace Pot {

namespace {

namespace od = simdjson::ondemand;

/// simdjson reads up to SIMDJSON_PADDING bytes past the end: a body without that many readable
/// bytes after it is copied, and the views simdjson returns are mapped back into `body`.
struct Reader
{
    Reader(QByteArrayView body, qsizetype spare)
        : original(body)
    {
        if (spare >= qsizetype(simdjson::SIMDJSON_PADDING)) {
            padded = simdjson::padded_string_view(body.data(), size_t(body.size()), size_t(body.size() + spare));
        } else {
            copy = simdjson::padded_string(body.data(), size_t(body.size()));
            padded = copy;
        }
    }

    QByteArrayView map(std::string_view raw) const
    {
        return original.sliced(raw.data() - padded.data(), qsizetype(raw.size()));
    }

    simdjson::padded_string copy;
    simdjson::padded_string_view padded;
    QByteArrayView original;
    od::parser parser;
};

/// The bytes a QByteArray owns after its end (none for raw data it does not own). Not
/// capacity() - size(): capacity() counts the free space before the data too (after remove(0, n)).
qsizetype spareOf(const QByteArray &body)
{
    // data_ptr() has no const overload; reading the free space detaches nothing.
    return const_cast<QByteArray &>(body).data_ptr().freeSpaceAtEnd();
}

/// `raw` without the whitespace simdjson leaves after a value.
std::string_view trimmed(std::string_view raw)
{
    while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t'))
        raw.remove_suffix(1);
    return raw;
}

/// The raw text of `value`, or an error. Objects and arrays are read to their end.
simdjson::simdjson_result<std::string_view> rawText(od::value value)
{
    od::json_type type{};
    if (const auto error = value.type().get(type))
        return error;
    std::string_view raw;
    if (type == od::json_type::object) {
        od::object object;
        if (const auto error = value.get_object().get(object))
            return error;
        if (const auto error = object.raw_json().get(raw))
            return error;
    } else if (type == od::json_type::array) {
        od::array array;
        if (const auto error = value.get_array().get(array))
            return error;
        if (const auto error = array.raw_json().get(raw))
            return error;
    } else {
        raw = value.raw_json_token();
    }
    return trimmed(raw);
}

} // namespace

std::optional<QList<QByteArrayView>> jsonArrayElements(const QByteArray &body, const QString &arrayKey)
{
    return jsonArrayElements(QByteArrayView(body), spareOf(body), arrayKey);
}

std::optional<QList<QByteArrayView>> jsonArrayElements(QByteArrayView body, qsizetype spare,
                                                       const QString &arrayKey)
{
    Reader reader(body, spare);
    od::document doc;
    if (reader.parser.iterate(reader.padded).get(doc))
        return std::nullopt;
    od::array array;
    if (arrayKey.isEmpty()) {
        if (doc.get_array().get(array))
            return std::nullopt;
    } else {
        const QByteArray key = arrayKey.toUtf8();
        if (doc.find_field_unordered(std::string_view(key.constData(), size_t(key.size()))).get_array().get(array))
            return std::nullopt;
    }
    QList<QByteArrayView> elements;
    for (auto element : array) {
        od::value value;
        std::string_view raw;
        if (element.get(value) || rawText(value).get(raw))
            return std::nullopt;
        elements << reader.map(raw);
    }
    return elements;
}

std::optional<QByteArrayView> jsonMember(const QByteArray &body, const QString &key)
{
    return jsonMember(QByteArrayView(body), spareOf(body), key);
}

std::optional<QByteArrayView> jsonMember(QByteArrayView body, qsizetype spare, const QString &key)
{
    Reader reader(body, spare);
    od::document doc;
    od::object object;
    if (reader.parser.iterate(reader.padded).get(doc) || doc.get_object().get(object))
        return std::nullopt;
    const QByteArray name = key.toUtf8();
    od::value value;
    std::string_view raw;
    if (object.find_field_unordered(std::string_view(name.constData(), size_t(name.size()))).get(value)
        || rawText(value).get(raw))
        return std::nullopt;
    return reader.map(raw);
}

qsizetype jsonPadding()
{
    return qsizetype(simdjson::SIMDJSON_PADDING);
}

} // namespace Pot

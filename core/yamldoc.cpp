#include "yamldoc.h"

#include "core/tr.h"

namespace Pot::YamlDoc {

Error errorAt(const YAML::Node &node, const YAML::Node &fallback, const QString &message)
{
    YAML::Mark mark = node.IsDefined() ? node.Mark() : YAML::Mark::null_mark();
    if (mark.is_null() && fallback.IsDefined())
        mark = fallback.Mark();
    if (mark.is_null())
        return Error(ErrorCode::InvalidInput, message);
    return Error(ErrorCode::InvalidInput, Tr::tr("Line %1, column %2: %3")
                                              .arg(mark.line + 1)
                                              .arg(mark.column + 1)
                                              .arg(message));
}

Result<YAML::Node> loadOne(const QByteArray &text)
{
    std::vector<YAML::Node> docs;
    try {
        docs = YAML::LoadAll(std::string(text.constData(), std::size_t(text.size())));
    } catch (const YAML::Exception &e) {
        const QString what = QString::fromStdString(e.msg);
        if (e.mark.is_null())
            return Error(ErrorCode::InvalidInput, Tr::tr("This is not valid YAML: %1").arg(what));
        return Error(ErrorCode::InvalidInput, Tr::tr("Line %1, column %2: %3")
                                                  .arg(e.mark.line + 1)
                                                  .arg(e.mark.column + 1)
                                                  .arg(what));
    } catch (const std::exception &e) {
        return Error(ErrorCode::InvalidInput, Tr::tr("The text could not be read as YAML."),
                     QString::fromLocal8Bit(e.what()));
    }
    if (docs.empty() || (docs.size() == 1 && docs.front().IsNull()))
        return Error(ErrorCode::InvalidInput, Tr::tr("The text is empty."));
    if (docs.size() > 1)
        return errorAt(docs.at(1), docs.at(1),
                       Tr::tr("Only one document per upload: remove the second one (after ---)."));
    return docs.front();
}

} // namespace Pot::YamlDoc

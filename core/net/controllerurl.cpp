#include "controllerurl.h"

#include "core/tr.h"

namespace Pot::Net {

Result<QUrl> normaliseControllerUrl(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return Error(ErrorCode::InvalidInput, Tr::tr("Enter the Controller address, e.g. "
                                                     "https://controller.example.com:51121."));

    const bool hasScheme = text.contains(u"://");
    QUrl url = QUrl(hasScheme ? text : u"https://" + text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        return Error(ErrorCode::InvalidInput,
                     Tr::tr("\"%1\" is not a valid Controller address.").arg(text),
                     url.errorString());
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != u"http" && scheme != u"https") {
        return Error(ErrorCode::InvalidInput,
                     Tr::tr("The Controller address must start with http:// or https://, not "
                            "%1://.")
                         .arg(scheme));
    }
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment()) {
        return Error(ErrorCode::InvalidInput,
                     Tr::tr("The Controller address must not contain a user name, a query (?) or "
                            "a fragment (#)."));
    }
    url.setScheme(scheme);
    url.setHost(url.host().toLower());
    if (url.port() == -1)
        url.setPort(DefaultControllerPort);

    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    if (!path.endsWith(u"/api/v3"))
        path += u"/api/v3";
    url.setPath(path);
    return url;
}

bool isEncryptedUrl(const QString &url)
{
    return !url.trimmed().startsWith(u"http://", Qt::CaseInsensitive);
}

} // namespace Pot::Net

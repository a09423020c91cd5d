#include "rbacyaml.h"

#include "core/yamldoc.h"

#include "core/rbac/rbac.h"
#include "core/tr.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include <exception>
#include <vector>

namespace Pot::Rbac {

namespace {

const QString &apiVersion()
{
    static const QString v = QStringLiteral("datasance.com/v3");
    return v;
}

const QStringList &allowedVerbs()
{
    static const QStringList verbs{QStringLiteral("get"),   QStringLiteral("list"),
                                   QStringLiteral("create"), QStringLiteral("update"),
                                   QStringLiteral("patch"), QStringLiteral("delete"),
                                   QStringLiteral("*")};
    return verbs;
}

const QStringList &subjectKinds()
{
    static const QStringList kinds{QStringLiteral("User"), QStringLiteral("Group"),
                                   QStringLiteral("ServiceAccount")};
    return kinds;
}

std::string toStd(const QString &s)
{
    return s.toStdString();
}

QString fromStd(const std::string &s)
{
    return QString::fromStdString(s);
}

// ---- emitting ---------------------------------------------------------------------------------

void emitStrings(YAML::Emitter &out, const char *key, const QJsonValue &list)
{
    out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const QJsonValue &v : list.toArray()) {
        const std::string s = toStd(v.toString());
        // An empty string must stay visible: the core API group is "".
        if (s.empty())
            out << YAML::DoubleQuoted << s;
        else
            out << s;
    }
    out << YAML::EndSeq;
}

void emitRoleRef(YAML::Emitter &out, const QJsonObject &roleRef)
{
    out << YAML::Key << "roleRef" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "kind" << YAML::Value
        << toStd(roleRef.value(u"kind").toString(QStringLiteral("Role")));
    out << YAML::Key << "name" << YAML::Value << toStd(roleRef.value(u"name").toString());
    if (roleRef.contains(u"apiGroup"))
        out << YAML::Key << "apiGroup" << YAML::Value << toStd(roleRef.value(u"apiGroup").toString());
    out << YAML::EndMap;
}

// ---- reading ----------------------------------------------------------------------------------

using YamlDoc::errorAt;

YAML::Node child(const YAML::Node &map, const char *key)
{
    if (!map.IsMap())
        return YAML::Node(YAML::NodeType::Undefined);
    return map[key];
}

/// A required non-empty string under `key` of `map`.
Result<QString> requiredString(const YAML::Node &map, const char *key, const QString &path)
{
    const YAML::Node node = child(map, key);
    if (!node.IsDefined() || node.IsNull())
        return errorAt(node, map, Tr::tr("%1 is missing.").arg(path));
    if (!node.IsScalar())
        return errorAt(node, map, Tr::tr("%1 must be a single value.").arg(path));
    const QString value = fromStd(node.Scalar());
    if (value.isEmpty())
        return errorAt(node, map, Tr::tr("%1 must not be empty.").arg(path));
    return value;
}

Result<QString> requiredName(const YAML::Node &map, const char *key, const QString &path)
{
    auto name = requiredString(map, key, path);
    if (!name)
        return name;
    if (!isValidObjectName(*name))
        return errorAt(child(map, key), map,
                       Tr::tr("%1 “%2” is not a valid name: use lower-case letters, digits, “-” and "
                              "“.”, starting and ending with a letter or digit (at most 255).")
                           .arg(path, *name));
    return name;
}

/// A list of strings under `key`; at least one entry unless `optional` (then absent = empty).
Result<QJsonArray> stringList(const YAML::Node &map, const char *key, const QString &path,
                              bool optional)
{
    const YAML::Node node = child(map, key);
    if (!node.IsDefined() || node.IsNull()) {
        if (optional)
            return QJsonArray();
        return errorAt(node, map, Tr::tr("%1 is missing.").arg(path));
    }
    if (!node.IsSequence())
        return errorAt(node, map, Tr::tr("%1 must be a list, e.g. [a, b].").arg(path));
    if (node.size() == 0 && !optional)
        return errorAt(node, map, Tr::tr("%1 needs at least one entry.").arg(path));
    QJsonArray out;
    for (const YAML::Node &e : node) {
        if (!e.IsScalar())
            return errorAt(e, node, Tr::tr("Each entry of %1 must be a single text value.").arg(path));
        out.append(fromStd(e.Scalar()));
    }
    return out;
}

Result<QJsonObject> readRoleRef(const YAML::Node &doc)
{
    const YAML::Node ref = child(doc, "roleRef");
    if (!ref.IsDefined() || ref.IsNull())
        return errorAt(ref, doc, Tr::tr("roleRef is missing (it goes at top level, not under spec)."));
    if (!ref.IsMap())
        return errorAt(ref, doc, Tr::tr("roleRef must be a map with kind and name."));
    auto kind = requiredString(ref, "kind", QStringLiteral("roleRef.kind"));
    if (!kind)
        return kind.error();
    if (*kind != u"Role")
        return errorAt(child(ref, "kind"), ref, Tr::tr("roleRef.kind must be Role."));
    auto name = requiredString(ref, "name", QStringLiteral("roleRef.name"));
    if (!name)
        return name.error();
    QJsonObject out{{QStringLiteral("kind"), *kind}, {QStringLiteral("name"), *name}};
    const YAML::Node apiGroup = child(ref, "apiGroup");
    if (apiGroup.IsDefined() && apiGroup.IsScalar())
        out.insert(QStringLiteral("apiGroup"), fromStd(apiGroup.Scalar()));
    return out;
}

Result<QJsonArray> readRules(const YAML::Node &doc)
{
    const YAML::Node rules = child(doc, "rules");
    if (!rules.IsDefined() || rules.IsNull()) {
        const QString hint = child(doc, "spec").IsDefined()
                                 ? Tr::tr("rules is missing: it goes at top level, not under spec.")
                                 : Tr::tr("rules is missing.");
        return errorAt(rules, doc, hint);
    }
    if (!rules.IsSequence() || rules.size() == 0)
        return errorAt(rules, doc, Tr::tr("rules must be a list with at least one rule."));
    QJsonArray out;
    int index = 0;
    for (const YAML::Node &r : rules) {
        ++index;
        const QString at = Tr::tr("rules[%1]").arg(index);
        if (!r.IsMap())
            return errorAt(r, rules, Tr::tr("%1 must be a map with apiGroups, resources and verbs.").arg(at));
        auto apiGroups = stringList(r, "apiGroups", at + u".apiGroups", false);
        if (!apiGroups)
            return Error(apiGroups.error());
        auto resources = stringList(r, "resources", at + u".resources", false);
        if (!resources)
            return Error(resources.error());
        auto verbs = stringList(r, "verbs", at + u".verbs", false);
        if (!verbs)
            return Error(verbs.error());
        const YAML::Node verbNode = child(r, "verbs");
        for (int i = 0; i < verbs->size(); ++i) {
            const QString v = verbs->at(i).toString();
            if (!allowedVerbs().contains(v))
                return errorAt(verbNode[std::size_t(i)], verbNode,
                               Tr::tr("%1: unknown verb “%2” (use %3).")
                                   .arg(at + u".verbs", v, allowedVerbs().join(u", ")));
        }
        auto names = stringList(r, "resourceNames", at + u".resourceNames", true);
        if (!names)
            return Error(names.error());
        QJsonObject rule{{QStringLiteral("apiGroups"), *apiGroups},
                         {QStringLiteral("resources"), *resources},
                         {QStringLiteral("verbs"), *verbs}};
        if (child(r, "resourceNames").IsDefined() && !child(r, "resourceNames").IsNull())
            rule.insert(QStringLiteral("resourceNames"), *names);
        out.append(rule);
    }
    return out;
}

Result<QJsonArray> readSubjects(const YAML::Node &doc, QStringList *warnings)
{
    const YAML::Node subjects = child(doc, "subjects");
    if (!subjects.IsDefined() || subjects.IsNull())
        return errorAt(subjects, doc, Tr::tr("subjects is missing (it goes at top level, not under spec)."));
    if (!subjects.IsSequence() || subjects.size() == 0)
        return errorAt(subjects, doc, Tr::tr("subjects must be a list with at least one subject."));
    QJsonArray out;
    int index = 0;
    for (const YAML::Node &s : subjects) {
        ++index;
        const QString at = Tr::tr("subjects[%1]").arg(index);
        if (!s.IsMap())
            return errorAt(s, subjects, Tr::tr("%1 must be a map with kind and name.").arg(at));
        auto kind = requiredString(s, "kind", at + u".kind");
        if (!kind)
            return Error(kind.error());
        if (!subjectKinds().contains(*kind))
            return errorAt(child(s, "kind"), s,
                           Tr::tr("%1.kind must be User, Group or ServiceAccount.").arg(at));
        auto name = requiredString(s, "name", at + u".name");
        if (!name)
            return Error(name.error());
        if (*kind == u"Group" && *name != name->toLower())
            *warnings << Tr::tr("Group “%1” has capital letters: the Controller lower-cases the "
                                "roles of a token, so this subject never matches. Use “%2”.")
                             .arg(*name, name->toLower());
        QJsonObject subject{{QStringLiteral("kind"), *kind}, {QStringLiteral("name"), *name}};
        const YAML::Node apiGroup = child(s, "apiGroup");
        if (apiGroup.IsDefined() && apiGroup.IsScalar())
            subject.insert(QStringLiteral("apiGroup"), fromStd(apiGroup.Scalar()));
        out.append(subject);
    }
    return out;
}

Result<YamlDocument> readDocument(const YAML::Node &doc, Kind expected)
{
    if (!doc.IsMap())
        return errorAt(doc, doc, Tr::tr("The document must be a map starting with kind and metadata."));
    const QString want = kindName(expected);
    auto kind = requiredString(doc, "kind", QStringLiteral("kind"));
    if (!kind)
        return kind.error();
    if (*kind != want)
        return errorAt(child(doc, "kind"), doc,
                       Tr::tr("kind is %1, but this editor saves a %2.").arg(*kind, want));
    const YAML::Node metadata = child(doc, "metadata");
    if (!metadata.IsDefined() || !metadata.IsMap())
        return errorAt(metadata, doc, Tr::tr("metadata with a name is missing."));
    auto name = requiredName(metadata, "name", QStringLiteral("metadata.name"));
    if (!name)
        return name.error();

    YamlDocument out;
    out.kind = expected;
    out.name = *name;
    switch (expected) {
    case Kind::Role: {
        if (isSystemRoleName(*name))
            return errorAt(child(metadata, "name"), metadata,
                           Tr::tr("%1 is a built-in role; the Controller does not allow creating or "
                                  "changing it. Choose another name.")
                               .arg(*name));
        auto rules = readRules(doc);
        if (!rules)
            return rules.error();
        out.json = {{QStringLiteral("name"), *name},
                    {QStringLiteral("kind"), want},
                    {QStringLiteral("rules"), *rules}};
        break;
    }
    case Kind::RoleBinding: {
        auto roleRef = readRoleRef(doc);
        if (!roleRef)
            return roleRef.error();
        auto subjects = readSubjects(doc, &out.warnings);
        if (!subjects)
            return subjects.error();
        out.json = {{QStringLiteral("name"), *name},
                    {QStringLiteral("kind"), want},
                    {QStringLiteral("roleRef"), *roleRef},
                    {QStringLiteral("subjects"), *subjects}};
        break;
    }
    case Kind::ServiceAccount: {
        auto app = requiredName(metadata, "applicationName", QStringLiteral("metadata.applicationName"));
        if (!app)
            return app.error();
        auto roleRef = readRoleRef(doc);
        if (!roleRef)
            return roleRef.error();
        out.applicationName = *app;
        out.json = {{QStringLiteral("name"), *name},
                    {QStringLiteral("applicationName"), *app},
                    {QStringLiteral("roleRef"), *roleRef}};
        break;
    }
    }
    return out;
}

} // namespace

QString kindName(Kind kind)
{
    switch (kind) {
    case Kind::Role: return QStringLiteral("Role");
    case Kind::RoleBinding: return QStringLiteral("RoleBinding");
    case Kind::ServiceAccount: return QStringLiteral("ServiceAccount");
    }
    return {};
}

std::optional<Kind> kindFromName(const QString &name)
{
    for (Kind k : {Kind::Role, Kind::RoleBinding, Kind::ServiceAccount}) {
        if (kindName(k) == name)
            return k;
    }
    return std::nullopt;
}

QByteArray uploadField(Kind kind)
{
    return kindName(kind).toLower().toLatin1();
}

bool isValidObjectName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral(
        "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"));
    return !name.isEmpty() && name.size() <= 255 && re.match(name).hasMatch();
}

QByteArray toYaml(Kind kind, const QJsonObject &object)
{
    YAML::Emitter out;
    out.SetIndent(2);
    out << YAML::BeginMap;
    out << YAML::Key << "apiVersion" << YAML::Value << toStd(apiVersion());
    out << YAML::Key << "kind" << YAML::Value << toStd(kindName(kind));
    out << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << toStd(object.value(u"name").toString());
    if (kind == Kind::ServiceAccount) {
        QString app = object.value(u"applicationName").toString();
        if (app.isEmpty())
            app = object.value(u"application").toObject().value(u"name").toString();
        out << YAML::Key << "applicationName" << YAML::Value << toStd(app);
    }
    out << YAML::EndMap;
    switch (kind) {
    case Kind::Role:
        out << YAML::Key << "rules" << YAML::Value << YAML::BeginSeq;
        for (const QJsonValue &rv : object.value(u"rules").toArray()) {
            const QJsonObject r = rv.toObject();
            out << YAML::BeginMap;
            emitStrings(out, "apiGroups", r.value(u"apiGroups"));
            emitStrings(out, "resources", r.value(u"resources"));
            emitStrings(out, "verbs", r.value(u"verbs"));
            if (r.value(u"resourceNames").isArray())
                emitStrings(out, "resourceNames", r.value(u"resourceNames"));
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
        break;
    case Kind::RoleBinding:
        emitRoleRef(out, object.value(u"roleRef").toObject());
        out << YAML::Key << "subjects" << YAML::Value << YAML::BeginSeq;
        for (const QJsonValue &sv : object.value(u"subjects").toArray()) {
            const QJsonObject s = sv.toObject();
            out << YAML::BeginMap;
            out << YAML::Key << "kind" << YAML::Value << toStd(s.value(u"kind").toString());
            out << YAML::Key << "name" << YAML::Value << toStd(s.value(u"name").toString());
            if (s.contains(u"apiGroup"))
                out << YAML::Key << "apiGroup" << YAML::Value << toStd(s.value(u"apiGroup").toString());
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
        break;
    case Kind::ServiceAccount:
        emitRoleRef(out, object.value(u"roleRef").toObject());
        break;
    }
    out << YAML::EndMap;
    return QByteArray(out.c_str(), qsizetype(out.size())) + '\n';
}

QByteArray templateYaml(Kind kind)
{
    switch (kind) {
    case Kind::Role:
        return toYaml(kind, {{QStringLiteral("name"), QStringLiteral("new-role")},
                             {QStringLiteral("rules"),
                              QJsonArray{QJsonObject{
                                  {QStringLiteral("apiGroups"), QJsonArray{QString()}},
                                  {QStringLiteral("resources"), QJsonArray{QStringLiteral("fogs")}},
                                  {QStringLiteral("verbs"),
                                   QJsonArray{QStringLiteral("get"), QStringLiteral("list")}}}}}});
    case Kind::RoleBinding:
        return toYaml(kind, {{QStringLiteral("name"), QStringLiteral("new-binding")},
                             {QStringLiteral("roleRef"),
                              QJsonObject{{QStringLiteral("kind"), QStringLiteral("Role")},
                                          {QStringLiteral("name"), QStringLiteral("viewer")}}},
                             {QStringLiteral("subjects"),
                              QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("User")},
                                                     {QStringLiteral("name"), QStringLiteral("someone")}}}}});
    case Kind::ServiceAccount:
        return toYaml(kind, {{QStringLiteral("name"), QStringLiteral("new-service-account")},
                             {QStringLiteral("applicationName"), QStringLiteral("my-application")},
                             {QStringLiteral("roleRef"),
                              QJsonObject{{QStringLiteral("kind"), QStringLiteral("Role")},
                                          {QStringLiteral("name"), QStringLiteral("microservice")}}}});
    }
    return {};
}

Result<YamlDocument> parseYaml(const QByteArray &text, Kind expected)
{
    Result<YAML::Node> doc = YamlDoc::loadOne(text);
    if (!doc)
        return doc.error();
    try {
        return readDocument(*doc, expected);
    } catch (const YAML::Exception &e) {
        return Error(ErrorCode::InvalidInput, Tr::tr("The YAML could not be read."), fromStd(e.msg));
    }
}

} // namespace Pot::Rbac

#include "controllerapi.h"

namespace Pot::Api {

using Net::ApiRequest;
using Net::ApiResponse;

ApiRequest statusRequest()
{
    ApiRequest r = ApiRequest::get(QStringLiteral("/status"), false);
    r.maxBodyBytes = ApiRequest::SmallBodyLimit;
    return r;
}

Net::ApiReply *fetchStatus(Net::ControllerClient &client, QObject *context,
                           Callback<ControllerStatus> done)
{
    return fetchTyped<ControllerStatus>(
        client, statusRequest(), context,
        [](const ApiResponse &r) { return ControllerStatus::fromJson(r.json); }, std::move(done));
}

Net::ApiReply *fetchFogTypes(Net::ControllerClient &client, QObject *context,
                             Callback<QList<FogType>> done)
{
    return fetchTyped<QList<FogType>>(
        client, ApiRequest::get(QStringLiteral("/fog-types"), false), context,
        [](const ApiResponse &r) { return FogType::listFromJson(r.json); }, std::move(done));
}

Net::ApiReply *fetchFogs(Net::ControllerClient &client, QObject *context, Callback<QList<Fog>> done)
{
    return fetchTyped<QList<Fog>>(
        client, ApiRequest::list(QStringLiteral("/iofog-list")), context,
        [](const ApiResponse &r) { return Fog::listFromJson(r.json); }, std::move(done));
}

Net::ApiReply *fetchApplications(Net::ControllerClient &client, QObject *context,
                                 Callback<QList<Application>> done)
{
    return fetchTyped<QList<Application>>(
        client, ApiRequest::list(QStringLiteral("/application")), context,
        [](const ApiResponse &r) { return Application::listFromJson(r.json); }, std::move(done));
}

Net::ApiReply *fetchNatsOperator(Net::ControllerClient &client, QObject *context,
                                 Callback<NatsOperator> done)
{
    return fetchTyped<NatsOperator>(
        client, ApiRequest::get(QStringLiteral("/nats/operator")), context,
        [](const ApiResponse &r) { return NatsOperator::fromJson(r.json); }, std::move(done));
}

Net::ApiReply *fetchNatsCapability(Net::ControllerClient &client, QObject *context,
                                   Callback<bool> done)
{
    return client.send(ApiRequest::head(QStringLiteral("/capabilities/nats")), context,
                       [done = std::move(done)](Result<ApiResponse> r) {
                           if (r) {
                               done(true);
                           } else if (r.error().code == ErrorCode::NotFound) {
                               done(false);
                           } else {
                               done(r.error());
                           }
                       });
}

} // namespace Pot::Api

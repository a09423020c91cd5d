#pragma once

#include "core/api/records.h"
#include "core/net/controllerclient.h"

#include <functional>

namespace Pot::Api {

template<typename T>
using Callback = std::function<void(Result<T>)>;

// Typed calls. Each returns the ApiReply (for cancel()) and calls `done` once unless `context` is
// gone. Status and fog types need no sign-in.

/// GET /status, unauthenticated, with the small body limit (a few hundred bytes in practice).
Net::ApiRequest statusRequest();

Net::ApiReply *fetchStatus(Net::ControllerClient &client, QObject *context,
                           Callback<ControllerStatus> done);
Net::ApiReply *fetchFogTypes(Net::ControllerClient &client, QObject *context,
                             Callback<QList<FogType>> done);
Net::ApiReply *fetchFogs(Net::ControllerClient &client, QObject *context,
                         Callback<QList<Fog>> done);
Net::ApiReply *fetchApplications(Net::ControllerClient &client, QObject *context,
                                 Callback<QList<Application>> done);
Net::ApiReply *fetchNatsOperator(Net::ControllerClient &client, QObject *context,
                                 Callback<NatsOperator> done);
/// HEAD /capabilities/nats: true on 204, false on 404 (NATS disabled on the Controller).
Net::ApiReply *fetchNatsCapability(Net::ControllerClient &client, QObject *context,
                                   Callback<bool> done);

/// Sends `request` and converts a successful answer with `parse`.
template<typename T>
Net::ApiReply *fetchTyped(Net::ControllerClient &client, const Net::ApiRequest &request,
                          QObject *context, std::function<Result<T>(const Net::ApiResponse &)> parse,
                          Callback<T> done)
{
    return client.send(request, context,
                       [parse = std::move(parse), done = std::move(done)](Result<Net::ApiResponse> r) {
                           if (!r) {
                               done(r.error());
                               return;
                           }
                           done(parse(*r));
                       });
}

} // namespace Pot::Api

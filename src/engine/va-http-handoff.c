/* va-http-handoff.c — the handoff POST to an engagement hub, and reading its reply
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The POST is a request of va-http.c that follows no redirects. The reply is read leniently (the
 * chat address and the state may stand in several places), but only an http or https chat
 * address is kept.
 */
#include "config.h"

#include "va-http.h"
#include "va-http-private.h"

#include <glib/gi18n.h>

#include "va-json-value.h"

#define MAX_HUB_MESSAGE    2000
#define HANDOFF_MAX_BODY   (1024 * 1024)

/**
 * va_handoff_reply_free:
 * @reply: (nullable): a #VaHandoffReply
 *
 * Frees @reply.
 */
void
va_handoff_reply_free (VaHandoffReply *reply)
{
  if (reply == NULL)
    return;

  g_free (reply->message);
  g_free (reply->chat_url);
  g_free (reply);
}

static VaHandoffState
parse_state (const char *text)
{
  if (text == NULL)
    return VA_HANDOFF_STATE_NONE;
  if (g_ascii_strcasecmp (text, "accepted") == 0)
    return VA_HANDOFF_STATE_ACCEPTED;
  if (g_ascii_strcasecmp (text, "failed") == 0)
    return VA_HANDOFF_STATE_FAILED;
  if (g_ascii_strcasecmp (text, "completed") == 0)
    return VA_HANDOFF_STATE_COMPLETED;
  return VA_HANDOFF_STATE_NONE;
}

/* Reads one activity of the hub's reply; the first value found for each field wins. */
static void
read_reply_activity (JsonObject     *activity,
                     VaHandoffReply *reply)
{
  static const char * const url_keys[] = { "chatUrl", "chat_url", "url" };
  JsonObject *value = va_json_object_member (activity, "value");
  const char *name = va_json_string_member (activity, "name");
  /* An echo of our handoff.initiate has a value too: only a status event's value has a state. */
  JsonObject *status = name == NULL || g_str_equal (name, "handoff.status") ? value : NULL;
  JsonObject *places[] = { activity, value };

  for (guint i = 0; i < G_N_ELEMENTS (places) && reply->chat_url == NULL; i++)
    for (guint j = 0; j < G_N_ELEMENTS (url_keys) && reply->chat_url == NULL; j++)
      {
        const char *url = va_json_string_member (places[i], url_keys[j]);

        /* Only a web address may be opened: never file:, javascript: or an app's scheme. */
        if (url != NULL && va_http_check_url (url, NULL))
          reply->chat_url = g_strdup (url);
      }

  if (reply->state == VA_HANDOFF_STATE_NONE)
    {
      const char *state = va_json_string_member (status, "state");

      if (state == NULL)
        state = va_json_string_member (status, "status");
      if (state == NULL)
        state = va_json_string_member (activity, "state");
      if (state == NULL)
        state = va_json_string_member (activity, "status");
      reply->state = parse_state (state);
    }

  if (reply->message == NULL)
    {
      const char *message = va_json_string_member (status, "message");

      if (message == NULL)
        message = va_json_string_member (activity, "message");
      if (message == NULL)
        message = va_json_string_member (activity, "text");
      if (message != NULL && *message != '\0')
        reply->message = va_http_truncate_text (message, MAX_HUB_MESSAGE);
    }
}

/* The reply is an activity, an array of them, or an object with an "activities" array. */
static void
read_reply (JsonNode       *root,
            VaHandoffReply *reply)
{
  JsonArray *array = NULL;

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      JsonNode *activities = json_object_get_member (object, "activities");

      read_reply_activity (object, reply);
      if (activities != NULL && JSON_NODE_HOLDS_ARRAY (activities))
        array = json_node_get_array (activities);
    }
  else if (JSON_NODE_HOLDS_ARRAY (root))
    array = json_node_get_array (root);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (element))
        read_reply_activity (json_node_get_object (element), reply);
    }
}

static void
on_handoff_answered (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  const char *host = g_task_get_task_data (task);
  g_autoptr (VaHttpResponse) response = NULL;
  g_autoptr (VaHandoffReply) reply = NULL;
  GError *error = NULL;

  response = va_http_request_finish (result, NULL, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (response->json == NULL && va_http_looks_like_json (response->content_type, response->body))
    {
      g_task_return_new_error (task, VA_HTTP_ERROR, VA_HTTP_ERROR_BAD_JSON,
                               _("The engagement hub at %s answered with invalid JSON."), host);
      return;
    }

  reply = g_new0 (VaHandoffReply, 1);
  reply->status = response->status;
  reply->elapsed_us = response->elapsed_us;
  if (response->json != NULL)
    read_reply (response->json, reply);

  g_task_return_pointer (task, g_steal_pointer (&reply), (GDestroyNotify) va_handoff_reply_free);
}

/**
 * va_http_post_handoff_async:
 * @session: a #SoupSession, see va_http_session_new()
 * @webhook_url: the engagement hub's webhook, http or https
 * @activity: the handoff.initiate event built by the runtime
 * @timeout_s: deadline for the whole request, 0 for 30 seconds
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * POSTs @activity as compact JSON to @webhook_url. Redirects are not followed (libsoup would
 * turn the POST into a GET without a body): a 3xx answer is a %VA_HTTP_ERROR_STATUS, like any
 * other non-2xx one. The reply is read up to 1 MiB.
 */
void
va_http_post_handoff_async (SoupSession          *session,
                            const char           *webhook_url,
                            JsonNode             *activity,
                            guint                 timeout_s,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autofree char *body = NULL;
  GError *error = NULL;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (activity != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, va_http_post_handoff_async);

  uri = va_http_parse_web_url (webhook_url, &error);
  if (uri == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, va_http_host_label (uri), g_free);

  body = va_json_value_to_json (activity);
  va_http_request_full_async (session, "POST", webhook_url, NULL, body, timeout_s,
                              HANDOFF_MAX_BODY, SOUP_MESSAGE_NO_REDIRECT, cancellable,
                              on_handoff_answered, g_steal_pointer (&task));
}

/**
 * va_http_post_handoff_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #VA_HTTP_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Finishes va_http_post_handoff_async(). An empty reply, or one that is not JSON by its content
 * type or its first character, gives a reply with state %VA_HANDOFF_STATE_NONE. A JSON reply is
 * read for a chat address under "chatUrl", "chat_url" or "url", at the top level or inside
 * "value", kept only if it is an http or https address, and for a handoff.status event's
 * "state" (or "status") and "message". A reply that should be JSON and does not parse is
 * %VA_HTTP_ERROR_BAD_JSON.
 *
 * Returns: (transfer full) (nullable): the reply, or %NULL with @error set
 */
VaHandoffReply *
va_http_post_handoff_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == va_http_post_handoff_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

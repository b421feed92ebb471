/* va-conversation-call.c — the HTTP request of a Call action node, or its mocked answer (transcript
 * scripts and tests), and going on with the conversation once it is in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "va-conversation-private.h"
#include "va-http.h"
#include "va-json-value.h"

/* {{{ HTTP actions: the parts that need the conversation's private state */

/* Called by the node runner when an HTTP request has finished and the conversation went on. */
static void
resume (VaConversation *self,
        VaStep          step)
{
  if (self->state == VA_CONVERSATION_STATE_BUSY)
    va_conversation_set_state (self, VA_CONVERSATION_STATE_WAITING);
  va_conversation_after_step (self, step);
}

typedef struct
{
  GWeakRef  self;
  guint     generation;
  char     *node_id;
  char     *request;
} ActionCall;

static void
action_call_free (ActionCall *call)
{
  g_weak_ref_clear (&call->self);
  g_free (call->node_id);
  g_free (call->request);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ActionCall, action_call_free)

static void
action_finished (ActionCall     *call,
                 guint           status,
                 const char     *body,
                 JsonNode       *json,
                 const GError   *error)
{
  g_autoptr(VaConversation) self = g_weak_ref_get (&call->self);
  VaFrame *frame;
  VaNode *node;

  if (self == NULL || call->generation != self->generation ||
      (frame = va_conversation_top (self)) == NULL ||
      g_strcmp0 (frame->node_id, call->node_id) != 0 ||
      (node = va_topic_find_node (frame->topic, frame->node_id, NULL)) == NULL)
    return;
  va_conversation_enter (self);
  self->action_status = status;
  va_str_set (&self->action_body, body);
  resume (self, va_conversation_action_done (self, frame, node, call->request, json, error));
  self->action_status = 0;
  g_clear_pointer (&self->action_body, g_free);
  va_conversation_leave (self);
}

static void
action_received (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ActionCall) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VaHttpResponse) response = va_http_request_finish (result, NULL, &error);
  g_autofree char *body = NULL;

  (void) source;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (response != NULL)
    body = g_utf8_make_valid (g_bytes_get_data (response->body, NULL),
                              g_bytes_get_size (response->body));
  action_finished (call, response != NULL ? response->status : 0, body,
                   response != NULL ? response->json : NULL, error);
}

typedef struct
{
  ActionCall *call;
  guint       status;
  char       *body;
} MockReply;

static gboolean
mock_reply (gpointer user_data)
{
  MockReply *mock = user_data;
  g_autoptr(ActionCall) call = mock->call;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = NULL;

  if (mock->status < 200 || mock->status > 299)
    error = g_error_new (VA_HTTP_ERROR, VA_HTTP_ERROR_STATUS,
                         _("The server answered %u."), mock->status);
  else if (mock->body[0] != '\0')
    /* Read like a real answer (va-http.c): strict, bounded, one value. */
    json = va_json_value_parse (mock->body, -1, NULL);
  action_finished (call, mock->status, mock->body, json, error);
  g_free (mock->body);
  g_free (mock);
  return G_SOURCE_REMOVE;
}

/**
 * va_conversation_call: (skip)
 *
 * Starts an HTTP request for the action node on top of the stack; its answer runs
 * va_conversation_action_done() and the conversation goes on.
 */
VaStep
va_conversation_call (VaConversation     *self,
                      VaFrame            *frame,
                      const char         *method,
                      const char         *url,
                      const char * const *headers,
                      const char         *body,
                      guint               timeout_s)
{
  ActionCall *call = g_new0 (ActionCall, 1);
  g_autofree char *key = g_strdup_printf ("%s %s", method, url);
  const char *mock = g_hash_table_lookup (self->mocks, key);
  VaEvent *event;

  g_weak_ref_init (&call->self, self);
  call->generation = self->generation;
  call->node_id = g_strdup (frame->node_id);
  call->request = g_steal_pointer (&key);

  event = va_conversation_event_new (self, VA_EVENT_ACTION);
  event->node_id = g_strdup (frame->node_id);
  event->name = g_strdup ("started");
  event->text = g_strdup (call->request);
  va_conversation_emit (self, event);

  if (mock != NULL)
    {
      MockReply *reply = g_new0 (MockReply, 1);
      const char *newline = strchr (mock, '\n');

      reply->call = call;
      reply->status = (guint) g_ascii_strtoull (mock, NULL, 10);
      reply->body = g_strdup (newline != NULL ? newline + 1 : "");
      g_idle_add (mock_reply, reply);
      return VA_STEP_ASYNC;
    }

  if (self->session == NULL)
    self->session = va_http_session_new ();
  va_http_request_async (self->session, method, url, headers, body, timeout_s, 0,
                         self->cancellable, action_received, call);
  return VA_STEP_ASYNC;
}

/**
 * va_conversation_add_http_mock:
 * @self: a conversation
 * @method: "GET", "POST", ...
 * @url: the URL exactly as the action node makes it
 * @status: the status to answer
 * @body: (nullable): the body to answer
 *
 * Answers an action's request without the network: for transcript scripts and tests.
 */
void
va_conversation_add_http_mock (VaConversation *self,
                               const char     *method,
                               const char     *url,
                               guint           status,
                               const char     *body)
{
  g_return_if_fail (VA_IS_CONVERSATION (self));
  g_return_if_fail (method != NULL && url != NULL);

  g_hash_table_insert (self->mocks, g_strdup_printf ("%s %s", method, url),
                       g_strdup_printf ("%u\n%s", status, body != NULL ? body : ""));
}

/* }}} */

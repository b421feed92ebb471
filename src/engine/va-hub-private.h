/* va-hub-private.h — shared by the hub's files
 *
 * va-hub.c keeps the hub's life, its public API, the status of a conversation and the signals.
 * va-hub-conversations.c keeps the conversations and their messages, and gives their state as
 * JSON; va-hub-poll.c the long polls waiting for news. va-hub-routes.c reads requests and
 * answers them (checks, endpoints, the agent's page). va-hub-attach.c wires a VaConversation to
 * the hub.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "va-hub.h"

G_BEGIN_DECLS

typedef struct
{
  char *role;  /* "user", "bot" or "agent" */
  char *text;
} VaHubMessage;

typedef struct
{
  char      *id;              /* the hub's own, in URLs: 16 hex digits */
  char      *token;           /* 32 hex digits: 128 random bits; the only key to the page */
  char      *conversation_id; /* va_ConversationId of the handoff: the signals name it */
  char      *bot_name;
  char      *agent_message;   /* va_AgentMessage */
  JsonNode  *variables;       /* the activity's value: an object */
  GPtrArray *messages;        /* of VaHubMessage: the transcript, then the live chat */
  char      *status;          /* "pending", "accepted", "completed" or "failed" */
  char      *status_message;
  GPtrArray *waiters;         /* of VaHubWaiter: long polls of this conversation */
  guint64    serial;          /* order of arrival: the oldest finished one goes first */
} VaHubConversation;

typedef struct
{
  VaHubConversation *conversation;
  SoupServerMessage *msg;
  guint              after;
  char              *status;      /* the status the page knows; NULL: only messages count */
  guint              timeout_id;
  gulong             finished_id;
  gulong             disconnected_id;
} VaHubWaiter;

struct _VaHub
{
  GObject     parent_instance;

  SoupServer *server;
  guint       port;           /* asked for; 0: any free one */
  guint       poll_ms;
  char       *url;            /* "http://127.0.0.1:PORT/" while running */
  char       *origin;         /* "http://127.0.0.1:PORT" */
  char       *host;           /* "127.0.0.1:PORT", the only Host header served */
  char       *host_alias;     /* "localhost:PORT" */
  GHashTable *by_id;          /* hub id -> VaHubConversation (owned) */
  GHashTable *by_conversation; /* va_ConversationId -> VaHubConversation */
  guint64     serial;
  GPtrArray  *attached;       /* of VaHubAttachment (va-hub-attach.c) */
  GStrv       page_parts;     /* the agent page, cut where each response's nonce goes */
};

/* va-hub.c */
void               va_hub_set_status             (VaHub             *self,
                                                  VaHubConversation *conversation,
                                                  const char        *state,
                                                  const char        *message);
void               va_hub_emit_handoff           (VaHub             *self,
                                                  VaHubConversation *conversation);
void               va_hub_emit_agent_message     (VaHub             *self,
                                                  VaHubConversation *conversation,
                                                  const char        *text);

/* va-hub-conversations.c */
char              *va_hub_random_hex             (guint              n_bytes);
char              *va_hub_cut_text               (const char        *text);
gboolean           va_hub_status_is_final        (const char        *status);
void               va_hub_conversation_free      (VaHubConversation *conversation);
VaHubConversation *va_hub_find                   (VaHub             *self,
                                                  const char        *id);
VaHubConversation *va_hub_add_conversation       (VaHub             *self,
                                                  JsonObject        *activity);
gboolean           va_hub_add_message            (VaHub             *self,
                                                  VaHubConversation *conversation,
                                                  const char        *role,
                                                  const char        *text);
JsonNode          *va_hub_state_to_json          (VaHubConversation *conversation);
JsonNode          *va_hub_events_to_json         (VaHubConversation *conversation,
                                                  guint              after);
char              *va_hub_conversation_chat_url  (VaHub             *self,
                                                  VaHubConversation *conversation);

/* va-hub-poll.c */
void               va_hub_waiter_answer          (VaHubWaiter       *waiter,
                                                  guint              status);
void               va_hub_wake_waiters           (VaHubConversation *conversation);
void               va_hub_wait_for_events        (VaHub             *self,
                                                  VaHubConversation *conversation,
                                                  SoupServerMessage *msg,
                                                  guint              after,
                                                  const char        *status);

/* va-hub-routes.c */
void               va_hub_handle_request         (SoupServer        *server,
                                                  SoupServerMessage *msg,
                                                  const char        *path,
                                                  GHashTable        *query,
                                                  gpointer           user_data);
void               va_hub_check_early            (SoupServer        *server,
                                                  SoupServerMessage *msg,
                                                  const char        *path,
                                                  GHashTable        *query,
                                                  gpointer           user_data);
void               va_hub_watch_request          (SoupServer        *server,
                                                  SoupServerMessage *msg,
                                                  gpointer           user_data);
void               va_hub_reply_json             (SoupServerMessage *msg,
                                                  guint              status,
                                                  JsonNode          *node);
void               va_hub_reply_error            (SoupServerMessage *msg,
                                                  guint              status);
gboolean           va_hub_load_page              (VaHub             *self,
                                                  GError           **error);

/* va-hub-attach.c */
void               va_hub_attach_update          (VaHub             *self);
void               va_hub_attach_clear           (VaHub             *self);

G_END_DECLS

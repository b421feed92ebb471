/* va-event.h — what a conversation tells its listeners
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  VA_EVENT_CONVERSATION_STARTED, /* text: conversation id */
  VA_EVENT_USER_MESSAGE,         /* text */
  VA_EVENT_RECOGNIZED,           /* name: "match", "multiple" or "fallback"; topic_id: the pick or NULL;
                                  * data: [{"topic": id, "name": display name, "score": 0..1}] best first */
  VA_EVENT_TOPIC_STARTED,        /* topic_id, topic_name; name: "trigger", "redirect", "system" or "switch" */
  VA_EVENT_TOPIC_ENDED,          /* topic_id, topic_name */
  VA_EVENT_NODE_ENTERED,         /* topic_id, node_id */
  VA_EVENT_BOT_MESSAGE,          /* text, choices (may be NULL), topic_id, node_id */
  VA_EVENT_VARIABLE_CHANGED,     /* name, text: the new value (NULL when cleared) */
  VA_EVENT_ACTION,               /* name: "started", "succeeded" or "failed"; text: "GET url" or the error */
  VA_EVENT_HANDOFF,              /* text: the chat canvas link or NULL; name: NULL, or "placeholder" when the
                                  * Escalate topic still says [link]; data: the handoff.initiate activity */
  VA_EVENT_HANDOFF_STATUS,       /* name: "accepted", "failed", "completed" or "posted"; text: a message */
  VA_EVENT_AGENT_MESSAGE,        /* text: what the human agent said */
  VA_EVENT_CONVERSATION_ENDED,   /* name: the outcome: "resolved", "escalated", "ended" or "error" */
  VA_EVENT_ERROR,                /* text: in plain words; name: the topic and node where it happened */
} VaEventKind;

#define VA_TYPE_EVENT (va_event_get_type ())

typedef struct _VaEvent VaEvent;

struct _VaEvent
{
  VaEventKind  kind;
  guint        turn;       /* 0 for the conversation start, then one per user message */
  char        *topic_id;
  char        *topic_name;
  char        *node_id;
  char        *name;
  char        *text;
  GStrv        choices;
  JsonNode    *data;
};

GType       va_event_get_type        (void) G_GNUC_CONST;
VaEvent    *va_event_new             (VaEventKind  kind);
VaEvent    *va_event_ref             (VaEvent     *event);
void        va_event_unref           (VaEvent     *event);
const char *va_event_kind_to_string  (VaEventKind  kind);
JsonNode   *va_event_to_json         (VaEvent     *event);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VaEvent, va_event_unref)

G_END_DECLS

/* va-conversation-private.h — shared by the runtime's files
 *
 * va-conversation.c keeps the object, its state and events; va-conversation-variables.c the
 * variables; va-conversation-topics.c the topic stack, runtime errors and the run loop;
 * va-conversation-turns.c recognition, the message queue and (re)starting;
 * va-conversation-call.c the Call action's request and mocks; va-conversation-nodes.c runs the
 * node kinds; va-conversation-handoff.c the handoff.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "va-conversation.h"
#include "va-node.h"
#include "va-topic.h"

G_BEGIN_DECLS

#define VA_MAX_STACK_DEPTH 32
#define VA_DEFAULT_STEP_LIMIT 500
/* The confidence an answer that does not fit a question needs to switch to another topic. */
#define VA_SWITCH_SCORE 0.5

typedef struct
{
  VaTopic   *topic;
  char      *node_id;    /* the node running or waiting; NULL: the topic has ended */
  char      *resume_id;  /* where a caller goes on when its callee ends */
  gboolean   reask;      /* the caller's question was interrupted: ask it again */
  gboolean   waiting;    /* node_id is a question waiting for an answer */
  int        attempts;   /* failed answers to the waiting question */
  GPtrArray *candidates; /* Multiple topics matched: the topic ids offered */
} VaFrame;

/* What running one node leads to. */
typedef enum
{
  VA_STEP_CONTINUE, /* go on with the top frame's node_id (NULL ends the topic) */
  VA_STEP_WAIT,     /* a question waits for the user */
  VA_STEP_ASYNC,    /* an HTTP request is under way; its callback runs again */
  VA_STEP_STOP,     /* the conversation ended or was handed off */
} VaStep;

struct _VaConversation
{
  GObject              parent_instance;

  VaBot               *bot;
  VaRecognizer        *recognizer;
  SoupSession         *session;
  GDateTime           *now;
  GRand               *rand;
  guint32              seed;
  GCancellable        *cancellable;
  GHashTable          *mocks;        /* "METHOD url" -> "status\nbody" */

  char                *id;
  VaConversationState  state;
  guint                turn;
  guint                generation;   /* bumped on restart, so stale callbacks do nothing */
  guint                steps;
  guint                errors;       /* runtime errors in this turn */
  guint                depth;        /* public calls under way: a listener calling in waits */
  gboolean             restart;      /* va_conversation_start() asked for by a listener */
  gboolean             webhook_off;  /* replays do not post the handoff */
  char                *webhook_override; /* posts the handoff here instead (the local hub) */
  guint                handoff_timeout;
  guint                action_status; /* the answer of the request just finished, for the */
  char                *action_body;   /* action event (a recorded transcript mocks it) */
  guint                step_limit;
  int                  fallbacks;    /* unrecognized messages in a row */
  char                *outcome;

  GPtrArray           *stack;        /* of VaFrame */
  GHashTable          *bot_vars;     /* name -> value */
  GHashTable          *topic_vars;   /* topic id -> (name -> value) */
  GHashTable          *bot_scoped;   /* names declared bot-scoped */
  GPtrArray           *visited;      /* topic ids, in the order started, without repeats */
  GPtrArray           *phrases;      /* user messages */
  GPtrArray           *transcript;   /* of JsonNode activities */
  GQueue               pending;      /* messages sent while busy */
  char                *last_message;
  char                *last_topic;   /* display name of the last topic a user message started */
  char                *error;        /* System.Error */
  char                *handoff_link_seen;
  gboolean             link_placeholder;
};

/* va-conversation.c */
void        va_conversation_emit            (VaConversation *self,
                                             VaEvent        *event);
VaEvent    *va_conversation_event_new       (VaConversation *self,
                                             VaEventKind     kind);
VaFrame    *va_conversation_top             (VaConversation *self);
void        va_conversation_say             (VaConversation *self,
                                             const char     *text,
                                             const char * const *choices);
void        va_conversation_set_state       (VaConversation *self,
                                             VaConversationState state);
void        va_conversation_add_activity    (VaConversation *self,
                                             const char     *role,
                                             const char     *text);

/* va-conversation-variables.c */
GHashTable *va_conversation_new_var_table   (void);
char       *va_conversation_render          (VaConversation *self,
                                             const char     *template_text,
                                             int             escape);
void        va_conversation_set_var         (VaConversation *self,
                                             const char     *name,
                                             const char     *value);
const char *va_conversation_lookup          (const char     *name,
                                             gpointer        user_data);
void        va_conversation_clear_variables (VaConversation *self);
void        va_conversation_add_variables   (VaConversation *self,
                                             JsonBuilder    *builder,
                                             GHashTable     *done);

/* va-conversation-topics.c */
VaStep      va_conversation_go_to_topic     (VaConversation *self,
                                             VaTopic        *topic,
                                             const char     *how);
VaStep      va_conversation_go_to_system    (VaConversation *self,
                                             VaSystemTopic   kind,
                                             const char     *how);
VaStep      va_conversation_fail            (VaConversation *self,
                                             const char     *message);
void        va_conversation_run             (VaConversation *self);
void        va_conversation_after_step      (VaConversation *self,
                                             VaStep          step);
void        va_conversation_pop             (VaConversation *self);
void        va_conversation_pop_all         (VaConversation *self);
VaStep      va_conversation_end             (VaConversation *self,
                                             const char     *outcome);

/* va-conversation-turns.c */
VaRecognitionKind va_conversation_recognize (VaConversation *self,
                                             const char     *text,
                                             VaRecognizerMatch *matches,
                                             guint          *n_matches);
void        va_conversation_enter           (VaConversation *self);
void        va_conversation_leave           (VaConversation *self);

/* va-conversation-call.c */
VaStep      va_conversation_call            (VaConversation *self,
                                             VaFrame        *frame,
                                             const char     *method,
                                             const char     *url,
                                             const char * const *headers,
                                             const char     *body,
                                             guint           timeout_s);

/* va-conversation-handoff.c */
VaStep      va_conversation_transfer        (VaConversation *self,
                                             const char     *agent_message);

/* va-conversation-nodes.c */
VaStep      va_conversation_action_done     (VaConversation *self,
                                             VaFrame        *frame,
                                             VaNode         *node,
                                             const char     *request,
                                             JsonNode       *json,
                                             const GError   *error);
VaStep      va_conversation_run_node        (VaConversation *self,
                                             VaFrame        *frame,
                                             VaNode         *node);
VaStep      va_conversation_answer          (VaConversation *self,
                                             VaFrame        *frame,
                                             VaNode         *node,
                                             const char     *text);
VaStep      va_conversation_ask             (VaConversation *self,
                                             VaFrame        *frame,
                                             VaNode         *node,
                                             gboolean        reprompt);

G_END_DECLS

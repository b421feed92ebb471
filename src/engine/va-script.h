/* va-script.h — transcript scripts: a conversation written down, replayed as a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "va-conversation.h"

G_BEGIN_DECLS

#define VA_SCRIPT_ERROR (va_script_error_quark ())

typedef enum
{
  VA_SCRIPT_ERROR_SYNTAX,
  VA_SCRIPT_ERROR_LIMIT,
} VaScriptError;

typedef enum
{
  VA_SCRIPT_INPUT_START,  /* the conversation start, before the first user line */
  VA_SCRIPT_INPUT_USER,   /* user: text */
  VA_SCRIPT_INPUT_AGENT,  /* agent: text (the human agent, after a handoff) */
  VA_SCRIPT_INPUT_STATUS, /* [status=completed] from the engagement hub */
} VaScriptInput;

typedef struct
{
  guint          line;       /* where the turn starts in the file */
  VaScriptInput  input;
  char          *text;       /* what the user or agent says, or the status */
  GPtrArray     *bot;        /* expected bot messages, in order; {*} matches any text */
  gboolean       any_bot;    /* [any]: the bot's messages are not checked */
  char          *topic;      /* [topic=ID or name]: a topic this turn starts */
  GPtrArray     *variables;  /* [var Name=value] as "Name\nvalue" */
  char          *choices;    /* [choices=A|B] offered by the last question of the turn */
  gboolean       handoff;    /* [handoff] or [handoff=link] */
  char          *link;
  char          *ended;      /* [ended] ("") or [ended=outcome] */
  gboolean       error;      /* [error]: the turn raises a runtime error */
} VaScriptTurn;

typedef struct
{
  char      *name;       /* file name, for messages */
  gboolean   has_seed;
  guint32    seed;
  GDateTime *now;
  GPtrArray *mocks;      /* "METHOD\nurl\nstatus\nbody" */
  GPtrArray *turns;      /* of VaScriptTurn; the first is the conversation start */
} VaScript;

GQuark        va_script_error_quark  (void);
VaScript     *va_script_new          (void);
void          va_script_free         (VaScript    *script);
VaScript     *va_script_parse        (const char  *text,
                                      gssize       length,
                                      const char  *name,
                                      GError     **error);
VaScript     *va_script_load         (const char  *path,
                                      GError     **error);
char         *va_script_to_string    (VaScript    *script);
VaScriptTurn *va_script_add_turn     (VaScript    *script,
                                      VaScriptInput input,
                                      const char  *text);

/* Replays @script against a new conversation with @bot. Returns TRUE when every turn matched;
 * otherwise @report holds a turn-by-turn diff of the first turn that did not. Runs the default
 * main context while the conversation waits for HTTP. */
gboolean      va_script_run          (VaScript    *script,
                                      VaBot       *bot,
                                      VaRecognizer *recognizer,
                                      GString     *report);

/* Records a conversation's events as a script, the way the test chat saves a transcript. */
typedef struct _VaScriptRecorder VaScriptRecorder;

VaScriptRecorder *va_script_recorder_new    (VaConversation   *conversation);
void              va_script_recorder_free   (VaScriptRecorder *recorder);
VaScript         *va_script_recorder_get    (VaScriptRecorder *recorder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VaScript, va_script_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VaScriptRecorder, va_script_recorder_free)

G_END_DECLS

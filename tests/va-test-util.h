/* va-test-util.h — what the test programs share: waiting on the main context, conversations,
 * bots, local servers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No GTK here: the headless tests link this. The helpers fail the test (g_assert, g_error)
 * rather than return errors.
 */
#pragma once

#include <libsoup/soup.h>

#include "va-conversation.h"

G_BEGIN_DECLS

/* {{{ Waiting */

/* How long a headless test waits for something that must happen before it fails. */
#define VA_TEST_PATIENCE 20

typedef gboolean (*VaTestCondition) (gpointer data);

void     va_test_iterate        (void);
guint    va_test_watchdog_add   (const char      *what);
void     va_test_wait_for       (const gboolean  *done,
                                 const char      *what);
gboolean va_test_wait           (VaTestCondition  condition,
                                 gpointer         data,
                                 guint            seconds);
void     va_test_wait_until_at  (const char      *where,
                                 VaTestCondition  condition,
                                 gpointer         data,
                                 guint            seconds);

/* Fails the test at the caller's line when @condition does not hold within @seconds. */
#define va_test_wait_until(condition, data, seconds) \
  va_test_wait_until_at (G_STRLOC, condition, data, seconds)

/* }}} */
/* {{{ A conversation and the events it emitted */

typedef struct
{
  VaConversation *conversation;
  GPtrArray      *events;        /* of VaEvent; va_test_run_say() empties it first */
} VaTestRun;

void     va_test_run_watch          (VaTestRun      *run,
                                     VaConversation *conversation);
void     va_test_run_init           (VaTestRun      *run,
                                     VaBot          *bot);
void     va_test_run_start          (VaTestRun      *run,
                                     VaBot          *bot);
void     va_test_run_clear          (VaTestRun      *run);
void     va_test_run_settle         (VaTestRun      *run);
void     va_test_run_say            (VaTestRun      *run,
                                     const char     *text);
char    *va_test_run_bot_said       (VaTestRun      *run);
VaEvent *va_test_run_find_event     (VaTestRun      *run,
                                     VaEventKind     kind,
                                     const char     *name);
guint    va_test_run_count_events   (VaTestRun      *run,
                                     VaEventKind     kind);
VaEvent *va_test_run_wait_for_event (VaTestRun      *run,
                                     VaEventKind     kind,
                                     const char     *name,
                                     const char     *what);
void     va_test_run_assert_goes_on (VaTestRun      *run);

/* }}} */
/* {{{ Bots */

VaBot *va_test_bot_load            (const char *name);
VaBot *va_test_bot_new_with_topics (const char *topics_json,
                                    const char *entities_json);
VaBot *va_test_bot_new_with_nodes  (const char *nodes_json);

/* }}} */
/* {{{ Servers on 127.0.0.1 */

/* Self-signed for 127.0.0.1 (EC P-256, made with openssl), valid 2000-2100 and 2000-2001. Both
 * share the key of va_test_key_pem. */
extern const char va_test_cert_pem[];
extern const char va_test_expired_cert_pem[];
extern const char va_test_key_pem[];

GTlsCertificate *va_test_certificate_new (const char *cert_pem);
SoupServer      *va_test_soup_server_new (GTlsCertificate     *certificate,
                                          SoupServerCallback   callback,
                                          gpointer             user_data,
                                          int                 *port);
int              va_test_closed_port     (void);

/* A SoupServer that writes down each request and answers them all alike, or holds them. */
typedef struct
{
  SoupServer *server;
  int         port;
  char       *base;       /* "http://127.0.0.1:PORT" */
  GPtrArray  *requests;   /* of "METHOD path?query\nbody" */
  guint       status;     /* of the answers: 200 unless changed */
  char       *answer;     /* a JSON body: "{}" unless changed */
  gboolean    hold;       /* no answer: the requests wait, paused, in @held */
  GPtrArray  *held;       /* of SoupServerMessage */
} VaTestServer;

void        va_test_server_start (VaTestServer *server);
void        va_test_server_stop  (VaTestServer *server);
const char *va_test_server_body  (VaTestServer *server,
                                  guint         index);

/* }}} */
/* {{{ Odds and ends */

long va_test_peak_rss_mib (void);
void va_test_count_notify (GObject    *object,
                           GParamSpec *pspec,
                           guint      *count);

/* }}} */

G_END_DECLS

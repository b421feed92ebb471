/* va-bot-settings.c — the bot's settings: name, engagement hub, recognition
 *
 * Every change goes through the window's history. The chat canvas link, once applied, also
 * takes the place of the "[link]" placeholder (or of the previous link) in the Escalate topic's
 * messages, in the same undo step, so the bot says the link it hands off to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "va-bot-settings.h"
#include "va-http.h"
#include "va-message-node.h"
#include "va-topic.h"

struct _VaBotSettings
{
  AdwPreferencesWindow parent_instance;

  VaBot       *bot;
  VaHistory   *history;
  gboolean     updating;

  AdwEntryRow *name_row;
  AdwEntryRow *language_row;
  AdwEntryRow *hub_link_row;
  AdwEntryRow *webhook_row;
  GtkLabel    *link_problem;
  GtkButton   *check_button;
  GtkSpinner  *check_spinner;
  GtkLabel    *check_result;
  GCancellable *cancellable;
  SoupSession *session;
  GString     *report;
  guint        checks_left;
  GtkSpinButton *threshold_spin;
  GtkSpinButton *margin_spin;
  GtkSpinButton *escalate_spin;
  GtkSwitch   *test_hub_switch;
};

G_DEFINE_FINAL_TYPE (VaBotSettings, va_bot_settings, ADW_TYPE_PREFERENCES_WINDOW)

static void
set_text (VaBotSettings *self,
          const char    *property,
          const char    *text)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (self->updating)
    return;
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  va_history_set_continuous (self->history, self->bot, property, &value);
}

static void
name_changed (GtkEditable   *editable,
              VaBotSettings *self)
{
  set_text (self, "name", gtk_editable_get_text (editable));
}

static void
language_changed (GtkEditable   *editable,
                  VaBotSettings *self)
{
  const char *text = gtk_editable_get_text (editable);

  if (text[0] != '\0')
    set_text (self, "language", text);
}

/* Checks a link as the engine will before using it; shows why it is refused. */
static gboolean
check_link (VaBotSettings *self,
            const char    *text)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = text[0] == '\0' || va_http_check_url (text, &error);

  gtk_label_set_label (self->link_problem, ok ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->link_problem), !ok);
  return ok;
}

static void
webhook_changed (GtkEditable   *editable,
                 VaBotSettings *self)
{
  const char *text = gtk_editable_get_text (editable);

  if (check_link (self, text))
    set_text (self, "webhook-url", text);
}

static void
hub_link_changed (GtkEditable   *editable,
                  VaBotSettings *self)
{
  check_link (self, gtk_editable_get_text (editable));
}

/* Puts @link where the Escalate topic's messages say "[link]" or the previous link. */
static void
replace_in_escalate (VaBotSettings *self,
                     const char    *old_link,
                     const char    *link)
{
  VaTopic *escalate = va_bot_find_system_topic (self->bot, VA_SYSTEM_TOPIC_ESCALATE);
  GListModel *nodes;

  if (escalate == NULL)
    return;
  nodes = va_topic_get_nodes (escalate);
  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(VaNode) node = g_list_model_get_item (nodes, i);
      const char *text;
      const char *target = NULL;
      g_auto(GStrv) parts = NULL;
      g_autofree char *replaced = NULL;

      if (!VA_IS_MESSAGE_NODE (node) || (text = va_message_node_get_text (VA_MESSAGE_NODE (node))) == NULL)
        continue;
      if (strstr (text, "[link]") != NULL)
        target = "[link]";
      else if (old_link != NULL && old_link[0] != '\0' && strstr (text, old_link) != NULL)
        target = old_link;
      if (target == NULL)
        continue;
      parts = g_strsplit (text, target, -1);
      replaced = g_strjoinv (link[0] != '\0' ? link : "[link]", parts);
      va_history_set (self->history, node, "text", replaced, NULL);
    }
}

static void
hub_link_applied (AdwEntryRow   *row,
                  VaBotSettings *self)
{
  const char *link = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *old_link = g_strdup (va_bot_get_hub_link (self->bot));

  if (!check_link (self, link) || g_strcmp0 (old_link, link) == 0)
    return;
  va_history_seal (self->history);
  va_history_begin (self->history, _("Set the Engagement Hub Link"));
  va_history_set (self->history, self->bot, "hub-link", link, NULL);
  replace_in_escalate (self, old_link, link);
  /* A hub of one's own: test chats go there from now on. */
  if (link[0] != '\0')
    va_history_set (self->history, self->bot, "test-hub", FALSE, NULL);
  va_history_end (self->history);
}

/* {{{ Check the connection */

typedef struct
{
  VaBotSettings *self;
  char          *what;
  gint64         start;
} Check;

static void
check_done (VaBotSettings *self)
{
  gtk_spinner_stop (self->check_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->check_spinner), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->check_button), TRUE);
  gtk_label_set_text (self->check_result, self->report->str);
  gtk_widget_set_visible (GTK_WIDGET (self->check_result), TRUE);
}

static void
check_answered (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Check *check = user_data;
  VaBotSettings *self = check->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(VaHttpResponse) failed = NULL;
  g_autoptr(VaHttpResponse) response = va_http_request_finish (result, &failed, &error);
  VaHttpResponse *answer = response != NULL ? response : failed;
  double ms = (g_get_monotonic_time () - check->start) / 1000.0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_free (check->what);
      g_free (check);
      return;
    }
  if (self->report->len > 0)
    g_string_append_c (self->report, '\n');
  /* Any HTTP answer, even 405 to a GET, means the server is there. */
  if (answer != NULL)
    /* Translators: "Chat canvas: answered 200 OK in 85 ms." */
    g_string_append_printf (self->report, _("%s: answered %u %s in %.0f ms."), check->what,
                            answer->status, answer->reason != NULL ? answer->reason : "", ms);
  else
    g_string_append_printf (self->report, _("%s: %s"), check->what, error->message);
  g_free (check->what);
  g_free (check);
  if (--self->checks_left == 0)
    check_done (self);
}

static void
start_check (VaBotSettings *self,
             const char    *what,
             const char    *url)
{
  Check *check = g_new0 (Check, 1);

  check->self = self;
  check->what = g_strdup (what);
  check->start = g_get_monotonic_time ();
  self->checks_left++;
  va_http_request_async (self->session, "GET", url, NULL, NULL, 10, 64 * 1024, self->cancellable,
                         check_answered, check);
}

static void
check_clicked (GtkButton     *button,
               VaBotSettings *self)
{
  const char *hub = va_bot_get_hub_link (self->bot);
  const char *webhook = va_bot_get_webhook_url (self->bot);

  g_string_truncate (self->report, 0);
  if ((hub == NULL || hub[0] == '\0') && (webhook == NULL || webhook[0] == '\0'))
    {
      g_string_append (self->report, _("Set the chat canvas link or the webhook first."));
      check_done (self);
      return;
    }
  if (self->session == NULL)
    self->session = va_http_session_new ();
  gtk_widget_set_sensitive (GTK_WIDGET (self->check_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->check_spinner), TRUE);
  gtk_spinner_start (self->check_spinner);
  if (hub != NULL && hub[0] != '\0')
    start_check (self, _("Chat canvas"), hub);
  if (webhook != NULL && webhook[0] != '\0')
    start_check (self, _("Webhook"), webhook);
}

/* }}} */

static void
test_hub_toggled (GtkSwitch     *widget,
                  GParamSpec    *pspec,
                  VaBotSettings *self)
{
  if (self->updating || gtk_switch_get_active (widget) == va_bot_get_test_hub (self->bot))
    return;
  va_history_set (self->history, self->bot, "test-hub", gtk_switch_get_active (widget), NULL);
}

static void
number_changed (GtkSpinButton *spin,
                VaBotSettings *self)
{
  const char *property;
  int value;

  if (self->updating)
    return;
  if (spin == self->escalate_spin)
    {
      property = "escalate-after";
      value = gtk_spin_button_get_value_as_int (spin);
    }
  else
    {
      property = spin == self->threshold_spin ? "threshold" : "margin";
      value = (int) (gtk_spin_button_get_value (spin) * 10.0 + 0.5);
    }
  va_history_set (self->history, self->bot, property, value, NULL);
}

static void
set_row (VaBotSettings *self,
         AdwEntryRow   *row,
         const char    *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text != NULL ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/* Shows the bot's value of @property (NULL: all), and only that one, so a row being typed in
 * keeps its text when another setting changes. */
static void
refresh (VaBotSettings *self,
         const char    *property)
{
  self->updating = TRUE;
  if (property == NULL || g_str_equal (property, "name"))
    set_row (self, self->name_row, va_bot_get_name (self->bot));
  if (property == NULL || g_str_equal (property, "language"))
    set_row (self, self->language_row, va_bot_get_language (self->bot));
  if (property == NULL || g_str_equal (property, "hub-link"))
    set_row (self, self->hub_link_row, va_bot_get_hub_link (self->bot));
  if (property == NULL || g_str_equal (property, "webhook-url"))
    set_row (self, self->webhook_row, va_bot_get_webhook_url (self->bot));
  if (property == NULL || g_str_equal (property, "threshold"))
    gtk_spin_button_set_value (self->threshold_spin, va_bot_get_threshold (self->bot) / 10.0);
  if (property == NULL || g_str_equal (property, "margin"))
    gtk_spin_button_set_value (self->margin_spin, va_bot_get_margin (self->bot) / 10.0);
  if (property == NULL || g_str_equal (property, "test-hub"))
    gtk_switch_set_active (self->test_hub_switch, va_bot_get_test_hub (self->bot));
  if (property == NULL || g_str_equal (property, "escalate-after"))
    gtk_spin_button_set_value (self->escalate_spin, va_bot_get_escalate_after (self->bot));
  self->updating = FALSE;
}

static void
bot_notify (VaBot         *bot,
            GParamSpec    *pspec,
            VaBotSettings *self)
{
  refresh (self, g_param_spec_get_name (pspec));
}

static void
va_bot_settings_dispose (GObject *object)
{
  VaBotSettings *self = VA_BOT_SETTINGS (object);

  if (self->bot != NULL)
    g_signal_handlers_disconnect_by_data (self->bot, self);
  if (self->history != NULL)
    va_history_seal (self->history);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  if (self->report != NULL)
    g_string_free (g_steal_pointer (&self->report), TRUE);
  g_clear_object (&self->bot);
  g_clear_object (&self->history);
  gtk_widget_dispose_template (GTK_WIDGET (self), VA_TYPE_BOT_SETTINGS);

  G_OBJECT_CLASS (va_bot_settings_parent_class)->dispose (object);
}

static void
va_bot_settings_class_init (VaBotSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = va_bot_settings_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/VirtualAgent/ui/va-bot-settings.ui");
  gtk_widget_class_bind_template_child (widget_class, VaBotSettings, name_row);
  gtk_widget_class_bind_template_child (widget_class, VaBotSettings, language_row);
  gtk_widget_class_bind_template_child (widget_class, VaBotSettings, hub_link_row);
  gtk_widget_class_bind_template_child (widget_class, VaBotSettings, webhook_row);
  gtk_widget_class_bind_template_child (widget_class, VaBotSettings, link_problem);
  gtk_widget_class_bind_template_child (widget_class, VaBotSettings, check_button);
  gtk_widget_class_bind_template_child (widget_class, VaBotSettings, test_hub_switch);
  gtk_widget_class_bind_template_child (widget_class, VaBotSettings, check_spinner);
  gtk_widget_class_bind_template_child (widget_class, VaBotSettings, check_result);
  gtk_widget_class_bind_template_child (widget_class, VaBotSettings, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, VaBotSettings, margin_spin);
  gtk_widget_class_bind_template_child (widget_class, VaBotSettings, escalate_spin);
}

static void
va_bot_settings_init (VaBotSettings *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_entry_row_set_show_apply_button (self->hub_link_row, TRUE);
  self->cancellable = g_cancellable_new ();
  self->report = g_string_new (NULL);
  g_signal_connect (self->check_button, "clicked", G_CALLBACK (check_clicked), self);
}

/**
 * va_bot_settings_new:
 * @parent: the window of the bot
 * @bot: the bot
 * @history: the window's undo history
 *
 * Returns: (transfer none): the settings window, transient for @parent
 */
VaBotSettings *
va_bot_settings_new (GtkWindow *parent,
                     VaBot     *bot,
                     VaHistory *history)
{
  VaBotSettings *self = g_object_new (VA_TYPE_BOT_SETTINGS, "transient-for", parent, NULL);

  self->bot = g_object_ref (bot);
  self->history = g_object_ref (history);
  refresh (self, NULL);
  g_signal_connect (bot, "notify", G_CALLBACK (bot_notify), self);
  g_signal_connect (self->name_row, "changed", G_CALLBACK (name_changed), self);
  g_signal_connect (self->language_row, "changed", G_CALLBACK (language_changed), self);
  g_signal_connect (self->webhook_row, "changed", G_CALLBACK (webhook_changed), self);
  g_signal_connect (self->hub_link_row, "changed", G_CALLBACK (hub_link_changed), self);
  g_signal_connect (self->hub_link_row, "apply", G_CALLBACK (hub_link_applied), self);
  g_signal_connect (self->threshold_spin, "value-changed", G_CALLBACK (number_changed), self);
  g_signal_connect (self->margin_spin, "value-changed", G_CALLBACK (number_changed), self);
  g_signal_connect (self->escalate_spin, "value-changed", G_CALLBACK (number_changed), self);
  g_signal_connect (self->test_hub_switch, "notify::active", G_CALLBACK (test_hub_toggled), self);
  return self;
}

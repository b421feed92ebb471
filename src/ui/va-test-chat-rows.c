/* va-test-chat-rows.c — message bubbles, notices and the handoff banner of the test chat
 *
 * Everything here shows text that comes from a bot file or from the person testing it, so no
 * text is ever read as markup: labels get plain text, and the only markup made is our own, with
 * every character escaped and only http/https addresses wrapped in links. A link activates the
 * panel's "chat.open-link" action, which asks before opening (va-uri-opener.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "va-http.h"
#include "va-test-chat-private.h"

/* Named colours of libadwaita 1.2, which newer versions still define. */
static const char chat_css[] =
  "vatestchat list.chat-messages { background: none; }\n"
  "vatestchat list.chat-messages > row,\n"
  "vatestchat list.chat-messages > row.activatable:hover,\n"
  "vatestchat list.chat-messages > row.activatable:active {\n"
  "  background: none; padding: 0; }\n"
  "vatestchat .bubble { border-radius: 18px; padding: 8px 14px; }\n"
  "vatestchat .bubble.user {\n"
  "  background-color: @accent_bg_color; color: @accent_fg_color;\n"
  "  border-bottom-right-radius: 6px; }\n"
  "vatestchat .bubble.user label > link { color: @accent_fg_color; }\n"
  "vatestchat .bubble.user label > selection {\n"
  "  background-color: alpha(@accent_fg_color, 0.3); color: @accent_fg_color; }\n"
  "vatestchat .bubble.bot {\n"
  "  background-color: @card_bg_color; color: @card_fg_color;\n"
  "  border-bottom-left-radius: 6px;\n"
  "  box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.03), 0 1px 3px 1px rgba(0, 0, 0, 0.07),\n"
  "              0 2px 6px 2px rgba(0, 0, 0, 0.03); }\n"
  "vatestchat .bubble.agent {\n"
  "  background-color: alpha(@purple_3, 0.18);\n"
  "  box-shadow: inset 0 0 0 1px alpha(@purple_3, 0.35);\n"
  "  border-bottom-left-radius: 6px; }\n"
  "vatestchat .bubble.clickable:hover { background-image: image(alpha(currentColor, 0.04)); }\n"
  "vatestchat .sender { margin: 0 8px; }\n"
  "vatestchat .sender.agent { color: mix(@purple_3, @window_fg_color, 0.25); opacity: 1; }\n"
  "vatestchat flowbox.choices > flowboxchild { padding: 0; }\n"
  "vatestchat flowbox.choices button {\n"
  "  border-radius: 999px; padding: 4px 14px; min-height: 24px;\n"
  "  background: none; color: @accent_color;\n"
  "  box-shadow: inset 0 0 0 1px alpha(@accent_color, 0.5); }\n"
  "vatestchat flowbox.choices button:hover { background-color: alpha(@accent_color, 0.08); }\n"
  "vatestchat flowbox.choices button:active { background-color: alpha(@accent_color, 0.16); }\n"
  "vatestchat flowbox.choices button:disabled { color: alpha(currentColor, 0.5);\n"
  "  box-shadow: inset 0 0 0 1px alpha(currentColor, 0.15); }\n"
  "vatestchat .notice {\n"
  "  border-radius: 12px; padding: 3px 12px; font-size: smaller;\n"
  "  background-color: alpha(currentColor, 0.06); }\n"
  "vatestchat .notice.topic { border-radius: 999px; }\n"
  "vatestchat .notice > label, vatestchat .notice > image { opacity: 0.75; }\n"
  "vatestchat .notice.error { color: @error_color; background-color: alpha(@error_color, 0.1); }\n"
  "vatestchat .notice.error > label, vatestchat .notice.error > image { opacity: 1; }\n"
  "vatestchat .handoff {\n"
  "  border-radius: 12px; padding: 12px;\n"
  "  background-color: alpha(@accent_bg_color, 0.1);\n"
  "  box-shadow: inset 0 0 0 1px alpha(@accent_bg_color, 0.3); }\n"
  "vatestchat .handoff.unset {\n"
  "  background-color: alpha(@warning_bg_color, 0.12);\n"
  "  box-shadow: inset 0 0 0 1px alpha(@warning_bg_color, 0.4); }\n"
  "vatestchat .handoff.unset .handoff-icon { color: @warning_color; }\n"
  "vatestchat .handoff .handoff-icon { color: @accent_color; }\n";

/**
 * va_test_chat_load_style:
 * @display: the display the panel is shown on
 *
 * Adds the panel's style sheet to @display, once.
 */
void
va_test_chat_load_style (GdkDisplay *display)
{
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "va-test-chat-style") != NULL)
    return;
  provider = gtk_css_provider_new ();
#if GTK_CHECK_VERSION (4, 12, 0)
  gtk_css_provider_load_from_string (provider, chat_css);
#else
  gtk_css_provider_load_from_data (provider, chat_css, -1);
#endif
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "va-test-chat-style", g_steal_pointer (&provider),
                          g_object_unref);
}

/* {{{ Links */

/* The length of the address at @start: printable ASCII up to a space or a character that cannot
 * be in one, without the punctuation that ends a sentence around it. */
static gsize
url_length (const char *start)
{
  const char *end = start;
  int parens = 0;

  while (*end != '\0' && (guchar) *end > 0x20 && (guchar) *end < 0x7f &&
         strchr ("<>\"`{}|\\^", *end) == NULL)
    {
      if (*end == '(')
        parens++;
      else if (*end == ')')
        parens--;
      end++;
    }
  while (end > start)
    {
      char c = end[-1];

      if (strchr (".,;:!?'*]", c) != NULL)
        end--;
      else if (c == ')' && parens < 0)
        {
          parens++;
          end--;
        }
      else
        break;
    }
  return end - start;
}

static void
append_escaped (GString    *markup,
                const char *text,
                gssize      length)
{
  g_autofree char *escaped = g_markup_escape_text (text, length);

  g_string_append (markup, escaped);
}

/**
 * va_test_chat_linkify:
 * @text: text from a bot or a user
 *
 * Returns: (transfer full) (nullable): Pango markup of @text with its http and https addresses
 *   as links and everything else escaped, or %NULL when @text has no address (show it as plain
 *   text then)
 */
char *
va_test_chat_linkify (const char *text)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  const char *p = valid;
  const char *run = valid;
  gboolean linked = FALSE;

  while (*p != '\0')
    {
      g_autofree char *url = NULL;
      g_autofree char *escaped = NULL;
      gsize length;

      /* Only ASCII is compared, so every cut falls between whole characters. */
      if ((p > valid && g_ascii_isalnum (p[-1])) ||
          (g_ascii_strncasecmp (p, "https://", 8) != 0 &&
           g_ascii_strncasecmp (p, "http://", 7) != 0))
        {
          p++;
          continue;
        }
      length = url_length (p);
      url = g_strndup (p, length);
      if (!va_http_check_url (url, NULL))
        {
          p += length;
          continue;
        }
      append_escaped (markup, run, p - run);
      escaped = g_markup_escape_text (url, -1);
      g_string_append_printf (markup, "<a href=\"%s\">%s</a>", escaped, escaped);
      linked = TRUE;
      p += length;
      run = p;
    }
  if (!linked)
    return NULL;
  append_escaped (markup, run, p - run);
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static gboolean
link_activated (GtkLabel   *label,
                const char *uri,
                gpointer    user_data)
{
  gtk_widget_activate_action (GTK_WIDGET (label), "chat.open-link", "s", uri);
  return TRUE; /* never GTK's own opener: ours checks and asks first */
}

/* A label for untrusted text: plain, or our own markup with links. */
static GtkWidget *
text_label_new (const char *text)
{
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *markup = va_test_chat_linkify (text);

  if (markup != NULL)
    gtk_label_set_markup (GTK_LABEL (label), markup);
  else
    gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  g_signal_connect (label, "activate-link", G_CALLBACK (link_activated), NULL);
  return label;
}

/* }}} */
/* {{{ Messages */

static GtkWidget *
row_new (const char *css_class)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, css_class);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 2);
  gtk_widget_set_margin_bottom (box, 2);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "box", box);
  return row;
}

/**
 * va_chat_message_row_new:
 * @sender: who says it
 * @sender_name: (nullable): shown above the bubble when it starts a group of messages
 * @text: what is said, shown literally
 *
 * Returns: (transfer floating): a #GtkListBoxRow with a bubble
 */
GtkWidget *
va_chat_message_row_new (VaChatSender  sender,
                         const char   *sender_name,
                         const char   *text)
{
  GtkWidget *row = row_new ("message");
  GtkWidget *box = g_object_get_data (G_OBJECT (row), "box");
  GtkWidget *bubble = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = text_label_new (text);
  gboolean mine = sender == VA_CHAT_SENDER_USER;
  GtkAlign align = mine ? GTK_ALIGN_END : GTK_ALIGN_START;
  const char *sender_class = mine ? "user" : sender == VA_CHAT_SENDER_AGENT ? "agent" : "bot";
  g_autofree char *description = NULL;

  if (sender_name != NULL)
    {
      GtkWidget *name = gtk_label_new (sender_name);

      gtk_widget_set_halign (name, align);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (name, "sender");
      gtk_widget_add_css_class (name, sender_class);
      gtk_widget_add_css_class (name, "caption-heading");
      gtk_widget_add_css_class (name, "dim-label");
      gtk_widget_set_margin_top (box, 10);
      gtk_box_append (GTK_BOX (box), name);
    }

  gtk_label_set_max_width_chars (GTK_LABEL (label), 34);
  gtk_widget_add_css_class (bubble, "bubble");
  gtk_widget_add_css_class (bubble, sender_class);
  gtk_widget_set_halign (bubble, align);
  /* Room on the other side, so that who speaks shows at a glance on a narrow panel too. */
  if (mine)
    gtk_widget_set_margin_start (bubble, 48);
  else
    gtk_widget_set_margin_end (bubble, 48);
  gtk_box_append (GTK_BOX (bubble), label);
  gtk_box_append (GTK_BOX (box), bubble);

  g_object_set_data (G_OBJECT (row), "label", label);
  g_object_set_data (G_OBJECT (row), "bubble", bubble);
  /* Translators: how a screen reader reads a message of the chat; %s is the message. */
  description = g_strdup_printf (mine ? _("You: %s") : sender == VA_CHAT_SENDER_AGENT
                                        ? _("Agent: %s") : _("Bot: %s"),
                                 gtk_label_get_text (GTK_LABEL (label)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description, -1);
  return row;
}

GtkLabel *
va_chat_message_row_get_label (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "label");
}

static void
bubble_pressed (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                GtkWidget       *row)
{
  /* Not claimed: the label still selects text with the same press. */
  if (n_press == 1)
    gtk_widget_activate_action (row, "chat.show-node", "(ss)",
                                g_object_get_data (G_OBJECT (row), "topic-id"),
                                g_object_get_data (G_OBJECT (row), "node-id"));
}

/**
 * va_chat_message_row_set_node:
 * @row: a message row
 * @topic_id: the topic of the node that said it
 * @node_id: the node
 *
 * Clicking the bubble, or activating the row from the keyboard, shows that node.
 */
void
va_chat_message_row_set_node (GtkWidget  *row,
                              const char *topic_id,
                              const char *node_id)
{
  GtkWidget *bubble = g_object_get_data (G_OBJECT (row), "bubble");
  GtkGesture *click = gtk_gesture_click_new ();

  g_object_set_data_full (G_OBJECT (row), "topic-id", g_strdup (topic_id), g_free);
  g_object_set_data_full (G_OBJECT (row), "node-id", g_strdup (node_id), g_free);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (bubble_pressed), row);
  gtk_widget_add_controller (bubble, GTK_EVENT_CONTROLLER (click));
  gtk_widget_add_css_class (bubble, "clickable");
  gtk_widget_set_tooltip_text (bubble, _("Click to show this step on the canvas"));
  g_object_set_data (G_OBJECT (row), "click", click);
}

/**
 * va_chat_message_row_add_choices:
 * @row: a bot message row
 * @choices: the options of the question
 *
 * Returns: (transfer none): the box of buttons, each activating "chat.choose" with its label
 */
GtkWidget *
va_chat_message_row_add_choices (GtkWidget          *row,
                                 const char * const *choices)
{
  GtkWidget *box = g_object_get_data (G_OBJECT (row), "box");
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 20);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  /* Filling the width: a flow box aligned to the start measures its width for its height,
   * and one row's height gives one button's width. The buttons keep their own width. */
  gtk_widget_set_margin_top (flow, 2);
  gtk_widget_set_margin_end (flow, 48);
  gtk_widget_add_css_class (flow, "choices");
  gtk_accessible_update_property (GTK_ACCESSIBLE (flow), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Answers"), -1);
  for (guint i = 0; choices[i] != NULL; i++)
    {
      GtkWidget *button = gtk_button_new_with_label (choices[i]);

      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "chat.choose");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                              g_variant_new_string (choices[i]));
      gtk_flow_box_append (GTK_FLOW_BOX (flow), button);
      /* Tab goes to the buttons, not to their invisible wrappers. */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
  gtk_box_append (GTK_BOX (box), flow);
  return flow;
}

/* }}} */
/* {{{ Notices and the handoff */

/**
 * va_chat_notice_row_new:
 * @kind: what kind of notice
 * @text: the notice, shown literally
 * @detail: (nullable): a second line, smaller
 *
 * Returns: (transfer floating): a centered notice row
 */
GtkWidget *
va_chat_notice_row_new (VaChatNotice  kind,
                        const char   *text,
                        const char   *detail)
{
  GtkWidget *row = row_new ("notice-row");
  GtkWidget *box = g_object_get_data (G_OBJECT (row), "box");
  GtkWidget *pill = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  const char *icon = NULL;
  g_autofree char *description = NULL;

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_add_css_class (pill, "notice");
  gtk_widget_set_halign (pill, GTK_ALIGN_CENTER);
  switch (kind)
    {
    case VA_CHAT_NOTICE_TOPIC:
      gtk_widget_add_css_class (pill, "topic");
      icon = "go-next-symbolic";
      gtk_widget_set_tooltip_text (pill, _("Topic started"));
      /* Translators: read by a screen reader; %s is the name of a topic. */
      description = g_strdup_printf (_("Topic started: %s"), text);
      break;
    case VA_CHAT_NOTICE_ERROR:
      gtk_widget_add_css_class (pill, "error");
      icon = "dialog-error-symbolic";
      /* Translators: read by a screen reader; %s is what went wrong. */
      description = g_strdup_printf (_("Error: %s"), text);
      break;
    case VA_CHAT_NOTICE_INFO:
    default:
      break;
    }
  if (icon != NULL)
    {
      GtkWidget *image = gtk_image_new_from_icon_name (icon);

      gtk_widget_set_valign (image, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (pill), image);
    }
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_selectable (GTK_LABEL (label), kind == VA_CHAT_NOTICE_ERROR);
  gtk_box_append (GTK_BOX (pill), label);
  gtk_box_append (GTK_BOX (box), pill);
  g_object_set_data (G_OBJECT (row), "label", label);
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    description, -1);

  if (detail != NULL && detail[0] != '\0')
    {
      GtkWidget *second = text_label_new (detail);

      gtk_label_set_justify (GTK_LABEL (second), GTK_JUSTIFY_CENTER);
      gtk_label_set_xalign (GTK_LABEL (second), 0.5);
      gtk_widget_add_css_class (second, "caption");
      gtk_widget_add_css_class (second, "dim-label");
      gtk_box_append (GTK_BOX (box), second);
    }
  return row;
}

/**
 * va_chat_row_add_button:
 * @row: a notice or handoff row
 * @label: the button's label, with a mnemonic
 * @action_name: the action it activates
 * @target: (nullable): the action's parameter, consumed if floating
 *
 * Returns: (transfer none): the button
 */
GtkWidget *
va_chat_row_add_button (GtkWidget  *row,
                        const char *label,
                        const char *action_name,
                        GVariant   *target)
{
  GtkWidget *box = g_object_get_data (G_OBJECT (row), "buttons");
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  if (box == NULL)
    {
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
      gtk_widget_set_margin_top (box, 4);
      gtk_box_append (GTK_BOX (g_object_get_data (G_OBJECT (row), "box")), box);
      g_object_set_data (G_OBJECT (row), "buttons", box);
    }
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_box_append (GTK_BOX (box), button);
  return button;
}

/**
 * va_chat_handoff_row_new:
 * @link: (nullable): the engagement hub's chat canvas link
 * @placeholder: whether the Escalate topic still says [link]
 *
 * Returns: (transfer floating): the banner that says the conversation went to a live agent
 */
GtkWidget *
va_chat_handoff_row_new (const char *link,
                         gboolean    placeholder)
{
  GtkWidget *row = row_new ("handoff-row");
  GtkWidget *outer = g_object_get_data (G_OBJECT (row), "box");
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name (link != NULL ? "avatar-default-symbolic"
                                                               : "dialog-warning-symbolic");
  GtkWidget *title = gtk_label_new (_("Handed off to a live agent"));
  GtkWidget *body = gtk_label_new (NULL);

  gtk_widget_set_margin_top (outer, 10);
  gtk_widget_set_margin_bottom (outer, 6);
  gtk_widget_add_css_class (card, "handoff");
  if (link == NULL)
    gtk_widget_add_css_class (card, "unset");
  gtk_widget_add_css_class (icon, "handoff-icon");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (header), icon);
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (card), header);

  if (link != NULL)
    gtk_label_set_text (GTK_LABEL (body), _("The agent takes the conversation over in the "
                                            "engagement hub’s chat canvas:"));
  else if (placeholder)
    gtk_label_set_text (GTK_LABEL (body), _("The engagement hub link is not set: the Escalate "
                                            "topic still says [link]."));
  else
    gtk_label_set_text (GTK_LABEL (body), _("No engagement hub link is set, so the customer "
                                            "cannot reach an agent yet."));
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (card), body);
  g_object_set_data (G_OBJECT (row), "label", body);

  /* The buttons go in the card. */
  g_object_set_data (G_OBJECT (row), "box", card);
  if (link != NULL)
    {
      GtkWidget *address = text_label_new (link);
      GtkWidget *open;

      gtk_widget_add_css_class (address, "caption");
      gtk_box_append (GTK_BOX (card), address);
      g_object_set_data (G_OBJECT (row), "link", address);
      open = va_chat_row_add_button (row, _("_Open Chat Canvas"), "chat.open-link",
                                     g_variant_new_string (link));
      gtk_widget_add_css_class (open, "suggested-action");
    }
  else
    va_chat_row_add_button (row, _("_Bot Settings"), "chat.open-settings", NULL);
  gtk_widget_set_halign (g_object_get_data (G_OBJECT (row), "buttons"), GTK_ALIGN_START);

  gtk_box_append (GTK_BOX (outer), card);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Handed off to a live agent"), -1);
  return row;
}

/* }}} */

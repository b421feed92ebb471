/* test-inspector.c: the node inspector under Xvfb
 *
 * Each test shows a node, edits it through the real widgets, checks the model, undoes and redoes
 * through the VaHistory and checks the widgets follow; changes made behind the inspector's back
 * show up in it too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "va-action-node.h"
#include "va-choice.h"
#include "va-clause.h"
#include "va-condition-branch.h"
#include "va-condition-node.h"
#include "va-end-node.h"
#include "va-entity.h"
#include "va-history.h"
#include "va-inspector-private.h"
#include "va-message-node.h"
#include "va-question-node.h"
#include "va-redirect-node.h"
#include "va-response-mapping.h"
#include "va-set-variable-node.h"
#include "va-template.h"
#include "va-test-ui.h"
#include "va-topic.h"
#include "va-transfer-node.h"

typedef struct
{
  VaBot       *bot;
  VaHistory   *history;
  GtkWindow   *window;
  VaInspector *inspector;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  fixture->bot = va_template_new_bot ();
  fixture->history = va_history_new ();
  fixture->inspector = VA_INSPECTOR (va_inspector_new ());
  va_inspector_set_bot (fixture->inspector, fixture->bot);
  va_inspector_set_history (fixture->inspector, fixture->history);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (fixture->inspector));
  gtk_window_set_child (fixture->window, scrolled);
  gtk_window_set_default_size (fixture->window, 360, 1000);
  gtk_window_present (fixture->window);
  va_test_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  va_test_iterate ();
  g_clear_object (&fixture->history);
  g_clear_object (&fixture->bot);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static VaNode *
show (Fixture    *fixture,
      const char *topic_id,
      const char *node_id)
{
  VaTopic *topic = va_bot_find_topic (fixture->bot, topic_id, NULL);
  VaNode *node;

  g_assert_nonnull (topic);
  node = va_topic_find_node (topic, node_id, NULL);
  g_assert_nonnull (node);
  va_inspector_set_node (fixture->inspector, topic, node);
  va_test_wait_for_draw (GTK_WIDGET (fixture->window));
  return node;
}

/* Adds a node of a kind the template lacks to a topic (not undoable: part of the set-up). */
static VaNode *
add_node (Fixture    *fixture,
          const char *topic_id,
          VaNodeKind  kind)
{
  VaTopic *topic = va_bot_find_topic (fixture->bot, topic_id, NULL);
  g_autofree char *id = va_topic_make_node_id (topic);
  g_autoptr(VaNode) node = va_node_new_for_kind (kind, id);

  g_list_store_append (G_LIST_STORE (va_topic_get_nodes (topic)), node);
  return show (fixture, topic_id, id);
}

static void
save_screenshot (Fixture    *fixture,
                 const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  if (g_getenv ("VA_SCREENSHOT_DIR") == NULL)
    return;
  for (guint dark = 0; dark < 2; dark++)
    {
      g_autofree char *file = g_strdup_printf ("inspector-%s%s.png", name, dark ? "-dark" : "");

      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                      : ADW_COLOR_SCHEME_FORCE_LIGHT);
      va_test_save_screenshot_full (GTK_WIDGET (fixture->window), file, 1);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static char *
text_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
assert_text_view (GtkTextView *view,
                  const char  *expected)
{
  g_autofree char *text = text_view_text (view);

  g_assert_cmpstr (text, ==, expected);
}

static void
set_text_view (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static GtkWidget *
row_at (GtkListBox *list,
        guint       index)
{
  GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, index));

  g_assert_nonnull (row);
  return row;
}

static GtkWidget *
row_part (GtkWidget  *row,
          const char *name)
{
  GtkWidget *part = g_object_get_data (G_OBJECT (row), name);

  g_assert_nonnull (part);
  return part;
}

static const char *
row_title (GtkWidget *row)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static const char *
combo_string (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static guint
combo_find (AdwComboRow *row,
            const char  *label)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), label) == 0)
      return i;
  g_assert_not_reached ();
  return 0;
}

static GtkWidget *
find_child (GtkWidget *widget,
            GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
text_of (gpointer editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

static void
set_text (gpointer    editable,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

static void
select_label (AdwComboRow *row,
              const char  *label)
{
  adw_combo_row_set_selected (row, combo_find (row, label));
}

static void
assert_accessible_label (gpointer    widget,
                         const char *label)
{
  gtk_test_accessible_assert_property (widget, GTK_ACCESSIBLE_PROPERTY_LABEL, label);
}

static const char *
group_title (GtkWidget *group)
{
  return adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group));
}

static GtkWidget *
branch_group (VaInspector *inspector,
              guint        index)
{
  GtkWidget *group = gtk_widget_get_first_child (GTK_WIDGET (inspector->condition_branches));

  for (guint i = 0; group != NULL && i < index; i++)
    group = gtk_widget_get_next_sibling (group);
  return group;
}

/* {{{ Placeholder and header */

static void
test_placeholder (Fixture       *fixture,
                  gconstpointer  data)
{
  VaInspector *inspector = fixture->inspector;
  VaTopic *topic = va_bot_find_topic (fixture->bot, "order-status", NULL);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (inspector->stack), ==, "empty");
  g_assert_null (va_inspector_get_node (inspector));
  save_screenshot (fixture, "empty");

  show (fixture, "order-status", "n3");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (inspector->stack), ==, "node");
  g_assert_cmpstr (gtk_label_get_label (inspector->kind_label), ==, "Message");
  g_assert_cmpstr (gtk_label_get_label (inspector->id_label), ==, "n3");
  g_assert_true (va_inspector_get_topic (inspector) == topic);

  va_inspector_set_node (inspector, topic, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (inspector->stack), ==, "empty");
}

/* Controls outside a titled row carry their own accessible name. */
static void
test_accessible_labels (Fixture       *fixture,
                        gconstpointer  data)
{
  VaInspector *inspector = fixture->inspector;
  GtkWidget *row;

  show (fixture, "store-hours", "n1");
  assert_accessible_label (inspector->question_retries, "Retries");
  assert_accessible_label (inspector->question_add_option, "Add option");
  row = row_at (inspector->question_options, 0);
  assert_accessible_label (row_part (row, "va-remove"), "Remove Option");
  assert_accessible_label (row_part (row, "va-up"), "Move Up");
  assert_accessible_label (row_part (GTK_WIDGET (inspector->question_variable), "va-variable-menu"),
                           "Choose a variable");
  show (fixture, "order-status", "n3");
  assert_accessible_label (inspector->message_text, "Message text");
  show (fixture, "return-product", "n8");
  assert_accessible_label (inspector->end_survey, "Satisfaction survey");
}

/* Deleting the node (on the canvas) or undoing its creation empties the inspector. */
static void
test_node_removed (Fixture       *fixture,
                   gconstpointer  data)
{
  VaTopic *topic = va_bot_find_topic (fixture->bot, "order-status", NULL);
  VaNode *node = show (fixture, "order-status", "n4");
  g_autoptr(VaNode) keep G_GNUC_UNUSED = g_object_ref (node);

  g_assert_true (va_history_remove_item (fixture->history, va_topic_get_nodes (topic), node));
  va_test_iterate ();
  g_assert_null (va_inspector_get_node (fixture->inspector));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fixture->inspector->stack), ==, "empty");
}

/* }}} */
/* {{{ Message */

static void
test_message (Fixture       *fixture,
              gconstpointer  data)
{
  VaInspector *inspector = fixture->inspector;
  VaMessageNode *message = VA_MESSAGE_NODE (show (fixture, "order-status", "n3"));
  g_autofree char *original = g_strdup (va_message_node_get_text (message));
  const char * const *variations;
  guint n_undo;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (inspector->kind_stack), ==, "message");
  assert_text_view (inspector->message_text, original);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (inspector->message_variations)));

  /* Typing is one step until the field is left. */
  n_undo = va_history_get_n_undo (fixture->history);
  set_text_view (inspector->message_text, "Hello");
  set_text_view (inspector->message_text, "Hello {OrderNumber}");
  g_assert_cmpstr (va_message_node_get_text (message), ==, "Hello {OrderNumber}");
  g_assert_cmpuint (va_history_get_n_undo (fixture->history), ==, n_undo + 1);

  g_assert_true (va_history_undo (fixture->history));
  g_assert_cmpstr (va_message_node_get_text (message), ==, original);
  assert_text_view (inspector->message_text, original);
  g_assert_true (va_history_redo (fixture->history));
  assert_text_view (inspector->message_text, "Hello {OrderNumber}");

  /* A change from elsewhere shows. */
  va_message_node_set_text (message, "Order {OrderNumber} was delivered. If you can't find it, "
                            "please check with your neighbours.");
  assert_text_view (inspector->message_text, "Order {OrderNumber} was delivered. If you can't "
                    "find it, please check with your neighbours.");

  /* Variations: add, type, remove, each undoable. */
  va_test_click (inspector->message_add_variation);
  variations = va_message_node_get_variations (message);
  g_assert_cmpuint (g_strv_length ((char **) variations), ==, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (inspector->message_variations)));
  g_assert_cmpuint (n_rows (inspector->message_variations), ==, 1);
  g_assert_cmpstr (va_history_get_undo_label (fixture->history), ==, "Add Variation");
  set_text (row_at (inspector->message_variations, 0),
                         "Your order {OrderNumber} has arrived.");
  va_history_seal (fixture->history);
  va_test_click (inspector->message_add_variation);
  set_text (row_at (inspector->message_variations, 1),
                         "Order {OrderNumber}: delivered!");
  va_history_seal (fixture->history);
  variations = va_message_node_get_variations (message);
  g_assert_cmpuint (g_strv_length ((char **) variations), ==, 2);
  g_assert_cmpstr (variations[0], ==, "Your order {OrderNumber} has arrived.");
  g_assert_cmpstr (variations[1], ==, "Order {OrderNumber}: delivered!");
  save_screenshot (fixture, "message");

  va_test_click (row_part (row_at (inspector->message_variations, 0), "va-remove"));
  variations = va_message_node_get_variations (message);
  g_assert_cmpuint (g_strv_length ((char **) variations), ==, 1);
  g_assert_cmpstr (variations[0], ==, "Order {OrderNumber}: delivered!");
  g_assert_cmpstr (text_of (row_at (inspector->message_variations, 0)),
                   ==, "Order {OrderNumber}: delivered!");

  g_assert_true (va_history_undo (fixture->history));
  g_assert_cmpuint (n_rows (inspector->message_variations), ==, 2);
  g_assert_cmpstr (text_of (row_at (inspector->message_variations, 0)),
                   ==, "Your order {OrderNumber} has arrived.");
  /* Undo the second text, the second add, the first text, the first add. */
  for (guint i = 0; i < 4; i++)
    g_assert_true (va_history_undo (fixture->history));
  g_assert_cmpuint (n_rows (inspector->message_variations), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (inspector->message_variations)));
  g_assert_true (va_history_redo (fixture->history));
  g_assert_cmpuint (n_rows (inspector->message_variations), ==, 1);
}

/* An edit from elsewhere while typing does not move the cursor when the text stays the same,
 * and typing never feeds back into the entry. */
static void
count_cb (GtkEditable *editable,
          guint       *count)
{
  (*count)++;
}

static void
test_cursor_kept (Fixture       *fixture,
                  gconstpointer  data)
{
  VaInspector *inspector = fixture->inspector;
  VaQuestionNode *question = VA_QUESTION_NODE (show (fixture, "store-hours", "n1"));
  GtkEditable *prompt = GTK_EDITABLE (inspector->question_prompt);
  guint changes = 0;
  int position = 5;

  gtk_widget_grab_focus (GTK_WIDGET (prompt));
  gtk_editable_set_position (prompt, 5);
  g_signal_connect (prompt, "changed", G_CALLBACK (count_cb), &changes);
  gtk_editable_insert_text (prompt, "XY", -1, &position);
  gtk_editable_set_position (prompt, position);
  g_assert_cmpstr (va_question_node_get_prompt (question), ==,
                   "WhichXY store are you asking about?");
  /* The model's notification did not set the text again. */
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpint (gtk_editable_get_position (prompt), ==, 7);

  /* The node notifies another property: the entry is not touched. */
  va_question_node_set_retries (question, 4);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpint (gtk_editable_get_position (prompt), ==, 7);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (inspector->question_retries), ==, 4);
  g_signal_handlers_disconnect_by_func (prompt, count_cb, &changes);
}

/* }}} */
/* {{{ Question */

static void
test_question_choices (Fixture       *fixture,
                       gconstpointer  data)
{
  VaInspector *inspector = fixture->inspector;
  VaQuestionNode *question = VA_QUESTION_NODE (show (fixture, "store-hours", "n1"));
  GListModel *options = va_question_node_get_options (question);
  g_autoptr(VaChoice) first = g_list_model_get_item (options, 0);
  g_autoptr(VaChoice) added = NULL;
  GtkWidget *row;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (inspector->kind_stack), ==, "question");
  g_assert_cmpstr (text_of (inspector->question_prompt), ==,
                   "Which store are you asking about?");
  g_assert_cmpstr (text_of (inspector->question_variable), ==, "Store");
  g_assert_cmpstr (text_of (inspector->question_reprompt), ==,
                   "Please pick one of the stores.");
  g_assert_true (gtk_widget_get_visible (inspector->question_options_group));
  g_assert_false (gtk_widget_get_visible (inspector->question_entity_group));
  g_assert_cmpuint (n_rows (inspector->question_options), ==, 3);
  row = row_at (inspector->question_options, 0);
  g_assert_cmpstr (row_title (row), ==, "Downtown");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "city centre, center");
  g_assert_false (gtk_widget_get_sensitive (row_part (row, "va-up")));
  g_assert_true (gtk_widget_get_sensitive (row_part (row, "va-down")));
  row = row_at (inspector->question_options, 2);
  g_assert_false (gtk_widget_get_sensitive (row_part (row, "va-down")));
  row = row_at (inspector->question_options, 0);

  /* Prompt */
  set_text (inspector->question_prompt, "Which store?");
  g_assert_cmpstr (va_question_node_get_prompt (question), ==, "Which store?");
  g_assert_true (va_history_undo (fixture->history));
  g_assert_cmpstr (text_of (inspector->question_prompt), ==,
                   "Which store are you asking about?");
  g_assert_true (va_history_redo (fixture->history));
  g_assert_cmpstr (text_of (inspector->question_prompt), ==, "Which store?");

  /* An option's label and synonyms, through its row */
  set_text (row_part (row, "va-focus"), "City centre");
  g_assert_cmpstr (va_choice_get_label (first), ==, "City centre");
  g_assert_cmpstr (row_title (row), ==, "City centre");
  set_text (row_part (row, "va-synonyms"), "downtown,  centre ,");
  g_assert_cmpuint (g_strv_length ((char **) va_choice_get_synonyms (first)), ==, 2);
  g_assert_cmpstr (va_choice_get_synonyms (first)[1], ==, "centre");
  /* What the user typed stays as typed. */
  g_assert_cmpstr (text_of (row_part (row, "va-synonyms")), ==,
                   "downtown,  centre ,");
  va_history_seal (fixture->history);
  g_assert_true (va_history_undo (fixture->history));
  g_assert_cmpstr (text_of (row_part (row, "va-synonyms")), ==,
                   "city centre, center");

  /* The user's text is never taken for markup. */
  set_text (row_part (row, "va-synonyms"), "R&D <lab>");
  va_test_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "R&D <lab>");
  va_history_seal (fixture->history);
  g_assert_true (va_history_undo (fixture->history));

  /* Reorder: down then undo */
  va_test_click (row_part (row, "va-down"));
  g_assert_true (g_list_model_get_item (options, 1) == (gpointer) first);
  g_object_unref (first);
  g_assert_cmpstr (row_title (row_at (inspector->question_options, 1)), ==, "City centre");
  g_assert_cmpstr (va_history_get_undo_label (fixture->history), ==, "Move Option");
  g_assert_true (va_history_undo (fixture->history));
  g_assert_true (g_list_model_get_item (options, 0) == (gpointer) first);
  g_object_unref (first);
  g_assert_cmpstr (row_title (row_at (inspector->question_options, 0)), ==, "City centre");

  /* Add, then remove, an option */
  va_test_click (inspector->question_add_option);
  g_assert_cmpuint (g_list_model_get_n_items (options), ==, 4);
  g_assert_cmpuint (n_rows (inspector->question_options), ==, 4);
  added = g_list_model_get_item (options, 3);
  row = row_at (inspector->question_options, 3);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  set_text (row_part (row, "va-focus"), "Harbour");
  g_assert_cmpstr (va_choice_get_label (added), ==, "Harbour");
  va_history_seal (fixture->history);
  va_test_wait_for_draw (GTK_WIDGET (fixture->window));
  save_screenshot (fixture, "question");

  va_test_click (row_part (row_at (inspector->question_options, 1), "va-remove"));
  g_assert_cmpuint (g_list_model_get_n_items (options), ==, 3);
  g_assert_cmpuint (n_rows (inspector->question_options), ==, 3);
  g_assert_cmpstr (row_title (row_at (inspector->question_options, 1)), ==, "Mall");
  g_assert_true (va_history_undo (fixture->history));
  g_assert_cmpuint (n_rows (inspector->question_options), ==, 4);
  g_assert_cmpstr (row_title (row_at (inspector->question_options, 1)), ==, "Airport");

  /* Retries and what happens after them */
  gtk_spin_button_set_value (inspector->question_retries, 5);
  g_assert_cmpint (va_question_node_get_retries (question), ==, 5);
  adw_combo_row_set_selected (inspector->question_on_failure, 1);
  g_assert_cmpint (va_question_node_get_on_failure (question), ==, VA_FAILURE_ACTION_CONTINUE);
  g_assert_true (va_history_undo (fixture->history));
  g_assert_cmpuint (adw_combo_row_get_selected (inspector->question_on_failure), ==, 0);
  g_assert_true (va_history_undo (fixture->history));
  g_assert_cmpint (va_question_node_get_retries (question), ==, 2);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (inspector->question_retries), ==, 2);

  /* Switching to an entity shows the entity instead of the options. */
  adw_combo_row_set_selected (inspector->question_mode, 1);
  g_assert_cmpint (va_question_node_get_mode (question), ==, VA_QUESTION_MODE_ENTITY);
  g_assert_false (gtk_widget_get_visible (inspector->question_options_group));
  g_assert_true (gtk_widget_get_visible (inspector->question_entity_group));
  g_assert_true (va_history_undo (fixture->history));
  g_assert_true (gtk_widget_get_visible (inspector->question_options_group));
  g_assert_cmpuint (adw_combo_row_get_selected (inspector->question_mode), ==, 0);
}

static void
test_question_entity (Fixture       *fixture,
                      gconstpointer  data)
{
  VaInspector *inspector = fixture->inspector;
  VaQuestionNode *question = VA_QUESTION_NODE (show (fixture, "order-status", "n1"));
  g_autoptr(VaEntity) entity = va_entity_new ();
  g_autoptr(GPtrArray) variables = NULL;
  gboolean found = FALSE;
  GtkMenuButton *menu;
  GtkWidget *list;
  GtkListBoxRow *row;

  g_assert_true (gtk_widget_get_visible (inspector->question_entity_group));
  g_assert_false (gtk_widget_get_visible (inspector->question_options_group));
  g_assert_cmpstr (combo_string (inspector->question_entity), ==, "Integer");

  select_label (inspector->question_entity, "Email address");
  g_assert_cmpstr (va_question_node_get_entity (question), ==, "email");
  g_assert_true (va_history_undo (fixture->history));
  g_assert_cmpstr (combo_string (inspector->question_entity), ==, "Integer");

  /* The bot's own entities are offered too, and follow the bot. */
  va_entity_set_id (entity, "store-name");
  va_entity_set_name (entity, "Store name");
  va_history_append (fixture->history, va_bot_get_entities (fixture->bot), entity);
  select_label (inspector->question_entity, "Store name");
  g_assert_cmpstr (va_question_node_get_entity (question), ==, "store-name");

  /* An entity that is gone stays visible, marked. */
  va_question_node_set_entity (question, "gone");
  g_assert_cmpstr (combo_string (inspector->question_entity), ==, "gone (missing)");

  /* Save as: the variables known in the topic and the bot are offered. */
  variables = va_inspector_list_variables (inspector, FALSE);
  for (guint i = 0; i < variables->len; i++)
    found |= g_str_equal (g_ptr_array_index (variables, i), "OrderNumber");
  g_assert_true (found);
  set_text (inspector->question_variable, "Order");
  g_assert_cmpstr (va_question_node_get_variable (question), ==, "Order");

  /* … and picking one from the menu fills the field, as one step. */
  menu = GTK_MENU_BUTTON (row_part (GTK_WIDGET (inspector->question_variable), "va-variable-menu"));
  gtk_menu_button_popup (menu);
  va_test_iterate ();
  list = find_child (GTK_WIDGET (gtk_menu_button_get_popover (menu)), GTK_TYPE_LIST_BOX);
  g_assert_nonnull (list);
  for (guint i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)) != NULL; i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "va-name"), "OrderNumber") == 0)
      break;
  g_assert_nonnull (row);
  g_signal_emit_by_name (list, "row-activated", row);
  va_test_iterate ();
  g_assert_cmpstr (va_question_node_get_variable (question), ==, "OrderNumber");
  g_assert_cmpstr (text_of (inspector->question_variable), ==, "OrderNumber");
  g_assert_true (va_history_undo (fixture->history));
  g_assert_cmpstr (va_question_node_get_variable (question), ==, "Order");
  save_screenshot (fixture, "question-entity");
}

/* }}} */
/* {{{ Condition */

static void
test_condition (Fixture       *fixture,
                gconstpointer  data)
{
  VaInspector *inspector = fixture->inspector;
  VaConditionNode *condition = VA_CONDITION_NODE (show (fixture, "order-status", "n2"));
  GListModel *branches = va_condition_node_get_branches (condition);
  g_autoptr(VaConditionBranch) branch = g_list_model_get_item (branches, 0);
  GListModel *clauses = va_condition_branch_get_clauses (branch);
  g_autoptr(VaClause) clause = g_list_model_get_item (clauses, 0);
  GtkWidget *group, *row, *value;
  GtkListBox *list;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (inspector->kind_stack), ==, "condition");
  group = branch_group (inspector, 0);
  g_assert_true (ADW_IS_PREFERENCES_GROUP (group));
  g_assert_null (gtk_widget_get_next_sibling (group));
  g_assert_cmpstr (group_title (group), ==, "Condition 1");
  list = GTK_LIST_BOX (row_part (group, "va-list"));
  /* the join, one clause, the add row */
  g_assert_cmpuint (n_rows (list), ==, 3);
  row = row_at (list, 1);
  g_assert_cmpstr (row_title (row), ==, "OrderNumber is less than 1000");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  value = row_part (row, "va-value");
  g_assert_cmpstr (text_of (value), ==, "1000");

  /* Value, operator: the summary follows; a blank test has no value. */
  set_text (value, "500");
  g_assert_cmpstr (va_clause_get_value (clause), ==, "500");
  g_assert_cmpstr (row_title (row), ==, "OrderNumber is less than 500");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row_part (row, "va-operator")), VA_OPERATOR_IS_BLANK);
  g_assert_cmpint (va_clause_get_operator (clause), ==, VA_OPERATOR_IS_BLANK);
  g_assert_false (gtk_widget_get_visible (value));
  g_assert_cmpstr (row_title (row), ==, "OrderNumber is blank");
  g_assert_true (va_history_undo (fixture->history));
  g_assert_true (gtk_widget_get_visible (value));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row_part (row, "va-operator"))), ==,
                    VA_OPERATOR_LESS);

  /* Join */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row_part (group, "va-join")), 1);
  g_assert_cmpint (va_condition_branch_get_join (branch), ==, VA_JOIN_ANY);

  /* Add a clause with the add row, fill it, remove it */
  gtk_widget_activate (row_at (list, 2));
  g_assert_cmpuint (g_list_model_get_n_items (clauses), ==, 2);
  g_assert_cmpuint (n_rows (list), ==, 4);
  row = row_at (list, 2);
  g_assert_cmpstr (row_title (row), ==, "Incomplete clause");
  set_text (row_part (row, "va-variable"), "System.LastMessage");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row_part (row, "va-operator")), VA_OPERATOR_CONTAINS);
  set_text (row_part (row, "va-value"), "urgent");
  va_history_seal (fixture->history);
  g_assert_cmpstr (row_title (row), ==, "System.LastMessage contains urgent");
  va_test_wait_for_draw (GTK_WIDGET (fixture->window));
  save_screenshot (fixture, "condition");

  va_test_click (row_part (row, "va-remove"));
  g_assert_cmpuint (g_list_model_get_n_items (clauses), ==, 1);
  g_assert_cmpuint (n_rows (list), ==, 3);
  g_assert_true (va_history_undo (fixture->history));
  g_assert_cmpuint (n_rows (list), ==, 4);

  /* Add a branch: it comes with an empty clause, open */
  va_test_click (inspector->condition_add_branch);
  g_assert_cmpuint (g_list_model_get_n_items (branches), ==, 2);
  group = branch_group (inspector, 1);
  g_assert_nonnull (group);
  g_assert_cmpstr (group_title (group), ==, "Condition 2");
  row = row_at (GTK_LIST_BOX (row_part (group, "va-list")), 1);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  g_assert_cmpstr (va_history_get_undo_label (fixture->history), ==, "Add Condition");
  g_assert_true (va_history_undo (fixture->history));
  g_assert_cmpuint (g_list_model_get_n_items (branches), ==, 1);
  g_assert_null (branch_group (inspector, 1));
  g_assert_true (va_history_redo (fixture->history));

  /* Remove the first branch: the other one becomes "Condition 1" */
  group = branch_group (inspector, 0);
  va_test_click (row_part (group, "va-remove"));
  g_assert_cmpuint (g_list_model_get_n_items (branches), ==, 1);
  group = branch_group (inspector, 0);
  g_assert_cmpstr (group_title (group), ==, "Condition 1");
  g_assert_true (va_history_undo (fixture->history));
  group = branch_group (inspector, 0);
  g_assert_true (g_object_get_data (G_OBJECT (group), "va-item") == (gpointer) branch);
}

/* }}} */
/* {{{ Set variable, action */

static void
test_set_variable (Fixture       *fixture,
                   gconstpointer  data)
{
  VaInspector *inspector = fixture->inspector;
  VaSetVariableNode *node =
    VA_SET_VARIABLE_NODE (add_node (fixture, "order-status", VA_NODE_KIND_SET_VARIABLE));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (inspector->kind_stack), ==, "set-variable");
  g_assert_cmpstr (gtk_label_get_label (inspector->kind_label), ==, "Set variable");
  set_text (inspector->set_variable_variable, "Greeting");
  set_text (inspector->set_variable_value, "Hello {Bot.Name}");
  g_assert_cmpstr (va_set_variable_node_get_variable (node), ==, "Greeting");
  g_assert_cmpstr (va_set_variable_node_get_value (node), ==, "Hello {Bot.Name}");
  g_assert_true (va_history_undo (fixture->history));
  g_assert_null (va_set_variable_node_get_value (node));
  g_assert_cmpstr (text_of (inspector->set_variable_value), ==, "");
  g_assert_cmpstr (text_of (inspector->set_variable_variable), ==, "Greeting");
  save_screenshot (fixture, "set-variable");
}

static void
test_action (Fixture       *fixture,
             gconstpointer  data)
{
  VaInspector *inspector = fixture->inspector;
  VaActionNode *action = VA_ACTION_NODE (add_node (fixture, "order-status", VA_NODE_KIND_ACTION));
  GListModel *mappings = va_action_node_get_mappings (action);
  g_autoptr(VaResponseMapping) mapping = NULL;
  GtkWidget *row;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (inspector->kind_stack), ==, "action");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (inspector->action_timeout), ==,
                   va_action_node_get_timeout (action));

  adw_combo_row_set_selected (inspector->action_method, VA_HTTP_METHOD_POST);
  g_assert_cmpint (va_action_node_get_method (action), ==, VA_HTTP_METHOD_POST);
  set_text (inspector->action_url, "https://shop.example.com/orders/{OrderNumber}");
  g_assert_cmpstr (va_action_node_get_url (action), ==,
                   "https://shop.example.com/orders/{OrderNumber}");
  gtk_spin_button_set_value (inspector->action_timeout, 30);
  g_assert_cmpint (va_action_node_get_timeout (action), ==, 30);
  va_history_seal (fixture->history);

  /* Headers */
  va_test_click (inspector->action_add_header);
  set_text (row_at (inspector->action_headers, 0), "Authorization: Bearer {Token}");
  g_assert_cmpstr (va_action_node_get_headers (action)[0], ==, "Authorization: Bearer {Token}");
  g_assert_false (gtk_widget_has_css_class (row_at (inspector->action_headers, 0), "error"));
  set_text (row_at (inspector->action_headers, 0), "Authorization Bearer");
  g_assert_true (gtk_widget_has_css_class (row_at (inspector->action_headers, 0), "error"));
  set_text (row_at (inspector->action_headers, 0), "Authorization: Bearer {Token}");
  va_history_seal (fixture->history);

  /* The body: a warning while it is not JSON, with variables standing for values */
  g_assert_false (gtk_widget_get_visible (inspector->action_body_warning));
  set_text_view (inspector->action_body, "{\"order\": {OrderNumber}, \"note\": \"{Note}\",}");
  g_assert_cmpstr (va_action_node_get_body (action), ==,
                   "{\"order\": {OrderNumber}, \"note\": \"{Note}\",}");
  g_assert_true (gtk_widget_get_visible (inspector->action_body_warning));
  set_text_view (inspector->action_body, "{\"order\": {OrderNumber}, \"note\": \"{Note}\"}");
  g_assert_false (gtk_widget_get_visible (inspector->action_body_warning));
  va_history_seal (fixture->history);
  /* … and when the body changes behind the inspector's back */
  va_action_node_set_body (action, "{ nope");
  assert_text_view (inspector->action_body, "{ nope");
  g_assert_true (gtk_widget_get_visible (inspector->action_body_warning));
  va_action_node_set_body (action, "{\"order\": {OrderNumber}, \"note\": \"{Note}\"}");
  g_assert_false (gtk_widget_get_visible (inspector->action_body_warning));

  /* Response mappings */
  va_test_click (inspector->action_add_mapping);
  g_assert_cmpuint (g_list_model_get_n_items (mappings), ==, 1);
  mapping = g_list_model_get_item (mappings, 0);
  row = row_at (inspector->action_mappings, 0);
  set_text (row_part (row, "va-focus"), "$.status");
  set_text (row_part (row, "va-variable"), "OrderState");
  g_assert_cmpstr (va_response_mapping_get_path (mapping), ==, "$.status");
  g_assert_cmpstr (va_response_mapping_get_variable (mapping), ==, "OrderState");
  g_assert_cmpstr (row_title (row), ==, "$.status → OrderState");
  va_history_seal (fixture->history);
  va_test_wait_for_draw (GTK_WIDGET (fixture->window));
  save_screenshot (fixture, "action");

  va_test_click (row_part (row, "va-remove"));
  g_assert_cmpuint (g_list_model_get_n_items (mappings), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (inspector->action_mappings)));
  g_assert_true (va_history_undo (fixture->history));
  g_assert_cmpuint (n_rows (inspector->action_mappings), ==, 1);
  row = row_at (inspector->action_mappings, 0);
  g_assert_cmpstr (row_title (row), ==, "$.status → OrderState");

  /* Undo walks back through every edit */
  while (va_history_can_undo (fixture->history))
    va_history_undo (fixture->history);
  g_assert_cmpint (adw_combo_row_get_selected (inspector->action_method), ==, VA_HTTP_METHOD_GET);
  g_assert_cmpstr (text_of (inspector->action_url), ==, "");
  g_assert_cmpuint (n_rows (inspector->action_headers), ==, 0);
  g_assert_cmpuint (n_rows (inspector->action_mappings), ==, 0);
  assert_text_view (inspector->action_body, "");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (inspector->action_timeout), ==,
                   va_action_node_get_timeout (action));
}

/* }}} */
/* {{{ Redirect, end, escalate, transfer */

static void
test_redirect (Fixture       *fixture,
               gconstpointer  data)
{
  VaInspector *inspector = fixture->inspector;
  VaRedirectNode *redirect = VA_REDIRECT_NODE (show (fixture, "order-status", "n5"));
  VaTopic *goodbye = va_bot_find_topic (fixture->bot, "goodbye", NULL);
  g_autoptr(VaTopic) added = va_topic_new ();

  g_assert_cmpstr (gtk_stack_get_visible_child_name (inspector->kind_stack), ==, "redirect");
  g_assert_cmpstr (combo_string (inspector->redirect_topic), ==, "End of conversation");
  g_assert_false (gtk_widget_get_visible (inspector->redirect_warning));

  select_label (inspector->redirect_topic, "Goodbye");
  g_assert_cmpstr (va_redirect_node_get_topic (redirect), ==, "goodbye");
  g_assert_true (va_history_undo (fixture->history));
  g_assert_cmpstr (combo_string (inspector->redirect_topic), ==, "End of conversation");
  g_assert_true (va_history_redo (fixture->history));
  g_assert_cmpstr (combo_string (inspector->redirect_topic), ==, "Goodbye");

  /* A disabled target, a missing target: warnings */
  g_assert_true (va_history_undo (fixture->history));
  va_history_set (fixture->history, goodbye, "enabled", FALSE, NULL);
  select_label (inspector->redirect_topic, "Goodbye");
  g_assert_true (gtk_widget_get_visible (inspector->redirect_warning));
  g_assert_nonnull (strstr (gtk_label_get_label (inspector->redirect_warning_label), "Goodbye"));
  va_redirect_node_set_topic (redirect, "no-such-topic");
  g_assert_cmpstr (combo_string (inspector->redirect_topic), ==, "no-such-topic (missing)");
  g_assert_true (gtk_widget_get_visible (inspector->redirect_warning));
  save_screenshot (fixture, "redirect");

  /* Renaming or turning a topic back on shows at once */
  va_history_set (fixture->history, goodbye, "name", "Farewell", NULL);
  g_assert_cmpuint (combo_find (inspector->redirect_topic, "Farewell"), <,
                    g_list_model_get_n_items (adw_combo_row_get_model (inspector->redirect_topic)));
  va_redirect_node_set_topic (redirect, "goodbye");
  g_assert_true (gtk_widget_get_visible (inspector->redirect_warning));
  va_history_set (fixture->history, goodbye, "enabled", TRUE, NULL);
  g_assert_false (gtk_widget_get_visible (inspector->redirect_warning));
  va_redirect_node_set_topic (redirect, "no-such-topic");

  /* A new topic is offered at once */
  va_topic_set_id (added, "no-such-topic");
  va_topic_set_name (added, "Now it exists");
  va_history_append (fixture->history, va_bot_get_topics (fixture->bot), added);
  g_assert_cmpstr (combo_string (inspector->redirect_topic), ==, "Now it exists");
  g_assert_false (gtk_widget_get_visible (inspector->redirect_warning));
}

static void
test_end (Fixture       *fixture,
          gconstpointer  data)
{
  VaInspector *inspector = fixture->inspector;
  VaEndNode *end = VA_END_NODE (show (fixture, "return-product", "n8"));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (inspector->kind_stack), ==, "end");
  g_assert_true (gtk_switch_get_active (inspector->end_survey));
  gtk_switch_set_active (inspector->end_survey, FALSE);
  g_assert_false (va_end_node_get_survey (end));
  g_assert_true (va_history_undo (fixture->history));
  g_assert_true (gtk_switch_get_active (inspector->end_survey));
  g_assert_true (va_history_redo (fixture->history));
  g_assert_false (gtk_switch_get_active (inspector->end_survey));
  va_end_node_set_survey (end, TRUE);
  g_assert_true (gtk_switch_get_active (inspector->end_survey));
  save_screenshot (fixture, "end");
}

static void
test_escalate_and_transfer (Fixture       *fixture,
                            gconstpointer  data)
{
  VaInspector *inspector = fixture->inspector;
  VaTransferNode *transfer = NULL;
  g_autofree char *original = NULL;
  VaTopic *escalate = va_bot_find_system_topic (fixture->bot, VA_SYSTEM_TOPIC_ESCALATE);
  GListModel *nodes = va_topic_get_nodes (escalate);

  show (fixture, "return-product", "n7");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (inspector->kind_stack), ==, "escalate");
  g_assert_cmpstr (gtk_label_get_label (inspector->kind_label), ==, "Escalate");
  save_screenshot (fixture, "escalate");

  for (guint i = 0; i < g_list_model_get_n_items (nodes) && transfer == NULL; i++)
    {
      g_autoptr(VaNode) node = g_list_model_get_item (nodes, i);

      if (VA_IS_TRANSFER_NODE (node))
        transfer = VA_TRANSFER_NODE (node);
    }
  g_assert_nonnull (transfer);
  show (fixture, va_topic_get_id (escalate), va_node_get_id (VA_NODE (transfer)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (inspector->kind_stack), ==, "transfer");
  original = g_strdup (va_transfer_node_get_agent_message (transfer));
  assert_text_view (inspector->transfer_message, original != NULL ? original : "");
  set_text_view (inspector->transfer_message, "VIP customer, order {OrderNumber}");
  g_assert_cmpstr (va_transfer_node_get_agent_message (transfer), ==,
                   "VIP customer, order {OrderNumber}");
  g_assert_true (va_history_undo (fixture->history));
  assert_text_view (inspector->transfer_message, original != NULL ? original : "");
  save_screenshot (fixture, "transfer");
}

/* }}} */

int
main (int    argc,
      char **argv)
{
  /* The in-process accessibility backend, so that the tests can read accessible names. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  if (!va_test_ui_init (&argc, &argv))
    return 0;
  /* Screenshots show the end of transitions, not their middle. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/inspector/placeholder", test_placeholder);
  ADD ("/inspector/accessible-labels", test_accessible_labels);
  ADD ("/inspector/node-removed", test_node_removed);
  ADD ("/inspector/message", test_message);
  ADD ("/inspector/cursor-kept", test_cursor_kept);
  ADD ("/inspector/question-choices", test_question_choices);
  ADD ("/inspector/question-entity", test_question_entity);
  ADD ("/inspector/condition", test_condition);
  ADD ("/inspector/set-variable", test_set_variable);
  ADD ("/inspector/action", test_action);
  ADD ("/inspector/redirect", test_redirect);
  ADD ("/inspector/end", test_end);
  ADD ("/inspector/escalate-and-transfer", test_escalate_and_transfer);
#undef ADD

  return g_test_run ();
}

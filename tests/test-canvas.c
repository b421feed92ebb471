/* test-canvas.c: the conversation canvas under Xvfb, driven through its actions and gestures
 *
 * Each edit is checked in the model (nodes, edges through va_node_list_ports, positions),
 * then undone (the saved document must be byte for byte what it was) and redone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "va-canvas-private.h"
#include "va-choice.h"
#include "va-format.h"
#include "va-history.h"
#include "va-message-node.h"
#include "va-question-node.h"
#include "va-redirect-node.h"
#include "va-template.h"
#include "va-test-ui.h"
#include "va-topic.h"

typedef struct
{
  GtkWidget *window;
  VaCanvas  *canvas;
  VaBot     *bot;
  VaTopic   *topic;
  VaHistory *history;
} Fixture;

static gboolean
window_is_active (gpointer window)
{
  return gtk_window_is_active (window);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *topic_id = data != NULL ? data : "store-hours";

  f->bot = va_template_new_bot ();
  f->topic = g_object_ref (va_bot_find_topic (f->bot, topic_id, NULL));
  g_assert_nonnull (f->topic);
  f->history = va_history_new ();

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  f->canvas = VA_CANVAS (va_canvas_new ());
  va_canvas_set_history (f->canvas, f->history);
  va_canvas_set_bot (f->canvas, f->bot);
  va_canvas_set_topic (f->canvas, f->topic);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->canvas));
  gtk_window_present (GTK_WINDOW (f->window));
  /* The window turns active a little later (the X server's focus-in): leaving :backdrop
   * changes the canvas's style, which rebuilds every card. Let that happen first, so that
   * tests counting rebuilds count only their own. */
  va_test_wait (window_is_active, f->window, 2);
  va_test_wait_for_draw (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* What the test left pending (a popover closing, its crossing events) runs while the window
   * and its surfaces still exist: GTK 4.8 asks the position of the pointer on a destroyed
   * surface otherwise. */
  va_test_iterate ();
  gtk_window_destroy (GTK_WINDOW (f->window));
  va_test_iterate ();
  g_clear_object (&f->history);
  g_clear_object (&f->topic);
  g_clear_object (&f->bot);
}

static char *
document (Fixture *f)
{
  return va_format_save_data (f->bot, NULL);
}

static guint
n_nodes (Fixture *f)
{
  return g_list_model_get_n_items (va_topic_get_nodes (f->topic));
}

static VaNode *
node (Fixture    *f,
      const char *id)
{
  return va_topic_find_node (f->topic, id, NULL);
}

/* The target of a node's port, through the port list as the runtime sees it. */
static char *
port_target (VaNode *n,
             guint   index)
{
  g_autoptr(GPtrArray) ports = va_node_list_ports (n);

  g_assert_cmpuint (index, <, ports->len);
  return g_strdup (va_port_get_target (g_ptr_array_index (ports, index)));
}

static void
assert_port (Fixture    *f,
             const char *id,
             guint       index,
             const char *expected)
{
  g_autofree char *target = port_target (node (f, id), index);

  g_assert_cmpstr (target, ==, expected);
}

/* Undo brings the document back exactly, redo re-applies exactly. */
static void
assert_undo_redo (Fixture    *f,
                  const char *before,
                  const char *after)
{
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  g_assert_true (va_history_undo (f->history));
  undone = document (f);
  g_assert_cmpstr (undone, ==, before);
  g_assert_true (va_history_redo (f->history));
  redone = document (f);
  g_assert_cmpstr (redone, ==, after);
}

/* ---- driving the gestures ----------------------------------------------------------------- */

static void
drag (Fixture *f,
      double   x0,
      double   y0,
      double   x1,
      double   y1)
{
  GtkGesture *gesture = va_canvas_get_drag_gesture (f->canvas);

  g_signal_emit_by_name (gesture, "drag-begin", x0, y0);
  for (int i = 1; i <= 4; i++)
    g_signal_emit_by_name (gesture, "drag-update", (x1 - x0) * i / 4.0, (y1 - y0) * i / 4.0);
  g_signal_emit_by_name (gesture, "drag-end", x1 - x0, y1 - y0);
}

static void
click (Fixture *f,
       double   x,
       double   y)
{
  GtkGesture *gesture = va_canvas_get_drag_gesture (f->canvas);

  g_signal_emit_by_name (gesture, "drag-begin", x, y);
  g_signal_emit_by_name (gesture, "drag-end", 0.0, 0.0);
}

static void
click_node (Fixture    *f,
            const char *id)
{
  double x, y;

  g_assert_true (va_canvas_get_node_point (f->canvas, id, &x, &y));
  click (f, x, y);
}

static gboolean
activate (Fixture    *f,
          const char *action)
{
  return gtk_widget_activate_action (GTK_WIDGET (f->canvas), action, NULL);
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  return NULL;
}

static gboolean
cards_overlap (VaCanvasCard *a,
               VaCanvasCard *b)
{
  return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static void
assert_no_overlaps (Fixture *f)
{
  va_canvas_update_geometry (f->canvas);
  for (guint i = 0; i < f->canvas->cards->len; i++)
    for (guint j = i + 1; j < f->canvas->cards->len; j++)
      g_assert_false (cards_overlap (g_ptr_array_index (f->canvas->cards, i),
                                     g_ptr_array_index (f->canvas->cards, j)));
}

static void
assert_all_visible (Fixture *f)
{
  int width = gtk_widget_get_width (GTK_WIDGET (f->canvas));
  int height = gtk_widget_get_height (GTK_WIDGET (f->canvas));

  va_canvas_update_geometry (f->canvas);
  for (guint i = 0; i < f->canvas->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (f->canvas->cards, i);

      g_assert_cmpfloat (va_canvas_to_widget_x (f->canvas, card->x), >=, 0);
      g_assert_cmpfloat (va_canvas_to_widget_y (f->canvas, card->y), >=, 0);
      g_assert_cmpfloat (va_canvas_to_widget_x (f->canvas, card->x + card->w), <=, width);
      g_assert_cmpfloat (va_canvas_to_widget_y (f->canvas, card->y + card->h), <=, height);
    }
}

/* ---- tests -------------------------------------------------------------------------------- */

static void
test_draws_topic (Fixture       *f,
                  gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  guint serial;

  g_assert_cmpuint (f->canvas->cards->len, ==, 5);
  /* Shown whole, never enlarged, and every card was drawn (its render node built). */
  g_assert_cmpfloat (va_canvas_get_zoom (f->canvas), <=, 1.0);
  assert_all_visible (f);
  for (guint i = 0; i < f->canvas->cards->len; i++)
    g_assert_cmpuint (((VaCanvasCard *) g_ptr_array_index (f->canvas->cards, i))->serial, >=, 1);
  /* One port per VaPort: three choices and "any other answer". */
  g_assert_cmpuint (((VaCanvasCard *) g_ptr_array_index (f->canvas->cards, 0))->edges->len, ==, 4);
  assert_no_overlaps (f);
  g_assert_false (f->canvas->colors.dark);
  va_test_save_screenshot (f->window, "canvas-store-hours.png");

  /* Dark mode rebuilds every card with the dark colours. */
  serial = va_canvas_get_card_serial (f->canvas, "n2");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  va_test_wait_for_draw (f->window);
  g_assert_true (f->canvas->colors.dark);
  g_assert_cmpuint (va_canvas_get_card_serial (f->canvas, "n2"), >, serial);
  g_assert_cmpfloat (f->canvas->colors.card.red, <, 0.5);
  va_test_save_screenshot (f->window, "canvas-store-hours-dark.png");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  va_test_wait_for_draw (f->window);
  g_assert_false (f->canvas->colors.dark);
  g_assert_cmpfloat (f->canvas->colors.card.red, >, 0.5);
}

static GtkWidget *
popover_button (Fixture    *f,
                const char *kind)
{
  GtkWidget *popover = va_canvas_get_insert_popover (f->canvas);

  for (GtkWidget *child = gtk_widget_get_first_child (f->canvas->popover_box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GVariant *target;
      const char *nick;

      if (!GTK_IS_BUTTON (child))
        continue;
      target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (child));
      g_assert_nonnull (target);
      g_variant_get (target, "(&su&s)", NULL, NULL, &nick);
      if (g_str_equal (nick, kind))
        return child;
    }
  g_assert_nonnull (popover);
  g_assert_not_reached ();
}

static void
test_insert_on_edge (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *before = document (f);
  g_autofree char *after = NULL;
  g_autofree char *new_id = NULL;
  GtkWidget *popover = va_canvas_get_insert_popover (f->canvas);
  double x, y;
  VaNode *inserted;

  /* The "+" in the middle of the edge n2 → n5 opens the list of node kinds. */
  g_assert_true (va_canvas_get_plus_point (f->canvas, "n2", 0, &x, &y));
  g_assert_false (gtk_widget_get_visible (popover));
  click (f, x, y);
  g_assert_true (gtk_widget_get_visible (popover));
  va_test_save_screenshot (popover, "canvas-insert-popover.png");
  va_test_click (popover_button (f, "message"));
  va_test_iterate ();
  g_assert_false (gtk_widget_get_visible (popover));

  g_assert_cmpuint (n_nodes (f), ==, 6);
  new_id = port_target (node (f, "n2"), 0);
  g_assert_cmpstr (new_id, !=, "n5");
  inserted = node (f, new_id);
  g_assert_nonnull (inserted);
  g_assert_cmpint (va_node_get_kind (inserted), ==, VA_NODE_KIND_MESSAGE);
  assert_port (f, new_id, 0, "n5");
  g_assert_true (va_canvas_get_selected_node (f->canvas) == inserted);
  /* Placed between the two, with what follows moved down to make room. */
  g_assert_cmpint (va_node_get_y (inserted), >, va_node_get_y (node (f, "n2")));
  g_assert_cmpint (va_node_get_y (node (f, "n5")), >, va_node_get_y (inserted) + 84);
  assert_no_overlaps (f);
  g_assert_cmpuint (va_history_get_n_undo (f->history), ==, 1);
  va_test_wait_for_draw (f->window);
  va_test_save_screenshot (f->window, "canvas-inserted.png");

  after = document (f);
  assert_undo_redo (f, before, after);
}

static void
test_insert_after_free_port (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *before = document (f);
  g_autofree char *after = NULL;
  g_autofree char *new_id = NULL;

  /* n1's fourth port ("any other answer") leads nowhere: its "+" adds a node there. */
  assert_port (f, "n1", 3, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.insert-at", "(sus)",
                                             "n1", 3, "question"));
  g_assert_cmpuint (n_nodes (f), ==, 6);
  new_id = port_target (node (f, "n1"), 3);
  g_assert_nonnull (new_id);
  g_assert_cmpint (va_node_get_kind (node (f, new_id)), ==, VA_NODE_KIND_QUESTION);
  assert_no_overlaps (f);
  after = document (f);
  assert_undo_redo (f, before, after);

  /* "insert" goes after the selected node, at its first free port. */
  va_canvas_select_node (f->canvas, node (f, "n5"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.insert", "s", "end"));
  g_assert_cmpuint (n_nodes (f), ==, 7);
  {
    g_autofree char *end_id = port_target (node (f, "n5"), 0);

    g_assert_nonnull (end_id);
    g_assert_cmpint (va_node_get_kind (node (f, end_id)), ==, VA_NODE_KIND_END);
  }
  g_assert_true (va_history_undo (f->history));
  g_assert_cmpuint (n_nodes (f), ==, 6);
}

static void
test_connect (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *before = document (f);
  g_autofree char *after = NULL;
  double px, py, tx, ty;

  /* Dropping on empty space changes nothing. */
  g_assert_true (va_canvas_get_port_point (f->canvas, "n1", 3, &px, &py));
  drag (f, px, py, px + 5, py + 300);
  g_assert_cmpuint (va_history_get_n_undo (f->history), ==, 0);
  assert_port (f, "n1", 3, NULL);

  /* From n1's "any other answer" port to n5. */
  g_assert_true (va_canvas_get_node_point (f->canvas, "n5", &tx, &ty));
  drag (f, px, py, tx, ty);
  assert_port (f, "n1", 3, "n5");
  g_assert_cmpuint (va_history_get_n_undo (f->history), ==, 1);
  after = document (f);
  assert_undo_redo (f, before, after);

  /* A choice's port sets the choice's "next": Airport now goes to n4. */
  g_assert_true (va_canvas_get_port_point (f->canvas, "n1", 1, &px, &py));
  g_assert_true (va_canvas_get_node_point (f->canvas, "n4", &tx, &ty));
  drag (f, px, py, tx, ty);
  assert_port (f, "n1", 1, "n4");
  g_assert_true (va_history_undo (f->history));
  assert_port (f, "n1", 1, "n3");
}

static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *before = document (f);
  g_autofree char *after = NULL;
  double zoom = va_canvas_get_zoom (f->canvas);
  double x, y;
  int x3 = va_node_get_x (node (f, "n3")), y3 = va_node_get_y (node (f, "n3"));
  int x2 = va_node_get_x (node (f, "n2")), y2 = va_node_get_y (node (f, "n2"));
  int x4 = va_node_get_x (node (f, "n4")), y4 = va_node_get_y (node (f, "n4"));

  g_assert_true (va_canvas_get_node_point (f->canvas, "n3", &x, &y));
  drag (f, x, y, x + 120, y + 60);
  g_assert_cmpint (va_node_get_x (node (f, "n3")), ==, x3 + (int) lround (120 / zoom));
  g_assert_cmpint (va_node_get_y (node (f, "n3")), ==, y3 + (int) lround (60 / zoom));
  g_assert_cmpint (va_node_get_x (node (f, "n2")), ==, x2);
  g_assert_cmpuint (va_history_get_n_undo (f->history), ==, 1);
  g_assert_true (va_canvas_get_selected_node (f->canvas) == node (f, "n3"));
  after = document (f);
  assert_undo_redo (f, before, after);
  g_assert_true (va_history_undo (f->history));

  /* Ctrl+click adds to the selection; dragging one selected card moves them all, one step. */
  click_node (f, "n2");
  va_canvas_set_test_modifiers (f->canvas, GDK_CONTROL_MASK);
  click_node (f, "n4");
  va_canvas_set_test_modifiers (f->canvas, 0);
  g_assert_cmpuint (va_canvas_get_n_selected (f->canvas), ==, 2);
  g_assert_true (va_canvas_get_selected_node (f->canvas) == node (f, "n4"));
  g_assert_true (va_canvas_get_node_point (f->canvas, "n2", &x, &y));
  drag (f, x, y, x - 40, y + 100);
  g_assert_cmpint (va_node_get_x (node (f, "n2")), ==, x2 + (int) lround (-40 / zoom));
  g_assert_cmpint (va_node_get_y (node (f, "n2")), ==, y2 + (int) lround (100 / zoom));
  g_assert_cmpint (va_node_get_x (node (f, "n4")), ==, x4 + (int) lround (-40 / zoom));
  g_assert_cmpint (va_node_get_y (node (f, "n4")), ==, y4 + (int) lround (100 / zoom));
  g_assert_cmpint (va_node_get_x (node (f, "n3")), ==, x3);
  g_assert_cmpuint (va_history_get_n_undo (f->history), ==, 1);
  g_assert_true (va_history_undo (f->history));
  g_assert_cmpint (va_node_get_y (node (f, "n2")), ==, y2);
  g_assert_cmpint (va_node_get_y (node (f, "n4")), ==, y4);

  /* Escape in the middle of a drag puts everything back and keeps the selection. */
  {
    GtkGesture *gesture = va_canvas_get_drag_gesture (f->canvas);

    g_signal_emit_by_name (gesture, "drag-begin", x, y);
    g_signal_emit_by_name (gesture, "drag-update", 80.0, 80.0);
    va_canvas_update_geometry (f->canvas);
    g_assert_cmpfloat (va_canvas_find_card (f->canvas, "n2")->y, >, y2);
    g_assert_true (activate (f, "canvas.unselect"));
    g_signal_emit_by_name (gesture, "drag-end", 80.0, 80.0);
    va_canvas_update_geometry (f->canvas);
    g_assert_cmpfloat (va_canvas_find_card (f->canvas, "n2")->y, ==, y2);
    g_assert_cmpint (va_node_get_y (node (f, "n2")), ==, y2);
    g_assert_cmpuint (va_canvas_get_n_selected (f->canvas), ==, 2);
    g_assert_false (va_history_can_undo (f->history));
  }

  /* Ctrl+click on a selected card takes it out. */
  va_canvas_set_test_modifiers (f->canvas, GDK_CONTROL_MASK);
  click_node (f, "n4");
  va_canvas_set_test_modifiers (f->canvas, 0);
  g_assert_false (va_canvas_is_node_selected (f->canvas, node (f, "n4")));
  g_assert_true (va_canvas_is_node_selected (f->canvas, node (f, "n2")));
}

static void
test_pan (Fixture       *f,
          gconstpointer  data)
{
  double zoom, pan_x, pan_y, x, y;
  GtkEventController *scroll = find_controller (GTK_WIDGET (f->canvas), GTK_TYPE_EVENT_CONTROLLER_SCROLL);
  gboolean handled = FALSE;

  /* A plain drag on empty space pans and leaves the model alone. */
  va_canvas_get_view (f->canvas, &zoom, &pan_x, &pan_y);
  drag (f, 5, 5, 105, 55);
  va_canvas_get_view (f->canvas, NULL, &x, &y);
  g_assert_cmpfloat (fabs (x - pan_x - 100), <, 0.001);
  g_assert_cmpfloat (fabs (y - pan_y - 50), <, 0.001);
  g_assert_cmpuint (va_history_get_n_undo (f->history), ==, 0);

  /* Scrolling pans; Ctrl+scroll zooms. */
  g_assert_nonnull (scroll);
  g_signal_emit_by_name (scroll, "scroll", 0.0, 1.0, &handled);
  g_assert_true (handled);
  va_canvas_get_view (f->canvas, NULL, NULL, &pan_y);
  g_assert_cmpfloat (pan_y, <, y);
  va_canvas_set_test_modifiers (f->canvas, GDK_CONTROL_MASK);
  g_signal_emit_by_name (scroll, "scroll", 0.0, -1.0, &handled);
  va_canvas_set_test_modifiers (f->canvas, 0);
  g_assert_cmpfloat (va_canvas_get_zoom (f->canvas), >, zoom);
}

static void
test_select_and_delete (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *before = document (f);
  g_autofree char *after = NULL;

  /* Nothing selected: delete is disabled and does nothing. */
  activate (f, "canvas.delete");
  g_assert_cmpuint (n_nodes (f), ==, 5);
  g_assert_cmpuint (va_history_get_n_undo (f->history), ==, 0);
  click_node (f, "n3");
  g_assert_true (va_canvas_get_selected_node (f->canvas) == node (f, "n3"));
  g_assert_true (activate (f, "canvas.delete"));
  g_assert_cmpuint (n_nodes (f), ==, 4);
  g_assert_null (node (f, "n3"));
  assert_port (f, "n1", 1, NULL); /* Airport led to n3 */
  g_assert_null (va_canvas_get_selected_node (f->canvas));
  g_assert_cmpuint (va_history_get_n_undo (f->history), ==, 1);
  after = document (f);
  assert_undo_redo (f, before, after);
  g_assert_true (va_history_undo (f->history));
  g_assert_cmpuint (f->canvas->cards->len, ==, 5);

  /* Deleting the start node moves the start to where it led. */
  click_node (f, "n1");
  g_assert_true (activate (f, "canvas.delete"));
  g_assert_cmpstr (va_topic_get_start (f->topic), ==, "n2");
  g_assert_true (va_history_undo (f->history));
  g_assert_cmpstr (va_topic_get_start (f->topic), ==, "n1");

  /* Everything: the start becomes empty. */
  g_assert_true (activate (f, "canvas.select-all"));
  g_assert_cmpuint (va_canvas_get_n_selected (f->canvas), ==, 5);
  g_assert_true (activate (f, "canvas.delete"));
  g_assert_cmpuint (n_nodes (f), ==, 0);
  g_assert_null (va_topic_get_start (f->topic));
  va_test_wait_for_draw (f->window);
  g_assert_true (va_history_undo (f->history));
  {
    g_autofree char *restored = document (f);

    g_assert_cmpstr (restored, ==, before);
  }
}

static void
test_rubber_band (Fixture       *f,
                  gconstpointer  data)
{
  double x2, y2, x3, y3;

  g_assert_true (va_canvas_get_node_point (f->canvas, "n2", &x2, &y2));
  g_assert_true (va_canvas_get_node_point (f->canvas, "n3", &x3, &y3));
  va_canvas_set_test_modifiers (f->canvas, GDK_SHIFT_MASK);
  drag (f, x2 - 150, y2 - 45, x3 + 10, y3 + 10);
  va_canvas_set_test_modifiers (f->canvas, 0);
  g_assert_cmpuint (va_canvas_get_n_selected (f->canvas), ==, 2);
  g_assert_true (va_canvas_is_node_selected (f->canvas, node (f, "n2")));
  g_assert_true (va_canvas_is_node_selected (f->canvas, node (f, "n3")));
  g_assert_cmpuint (va_history_get_n_undo (f->history), ==, 0);

  /* A click on empty space clears the selection. */
  click (f, 3, 3);
  g_assert_cmpuint (va_canvas_get_n_selected (f->canvas), ==, 0);
}

typedef struct
{
  Fixture *f;
  guint    n;
} NodesWait;

static gboolean
has_n_nodes (gpointer data)
{
  NodesWait *wait = data;

  return n_nodes (wait->f) == wait->n;
}

static gboolean
wait_for_nodes (Fixture *f,
                guint    n)
{
  NodesWait wait = { f, n };

  return va_test_wait (has_n_nodes, &wait, 5);
}

static void
test_copy_paste (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *before = document (f);
  g_autofree char *after = NULL;
  g_autoptr(GHashTable) old_ids = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *nodes = va_topic_get_nodes (f->topic);
  const char *copy2 = NULL, *copy3 = NULL, *copy5 = NULL;

  for (guint i = 0; i < n_nodes (f); i++)
    {
      g_autoptr(VaNode) n = g_list_model_get_item (nodes, i);

      g_hash_table_add (old_ids, (gpointer) va_node_get_id (n));
    }

  click_node (f, "n2");
  va_canvas_set_test_modifiers (f->canvas, GDK_SHIFT_MASK);
  click_node (f, "n3");
  click_node (f, "n5");
  va_canvas_set_test_modifiers (f->canvas, 0);
  g_assert_cmpuint (va_canvas_get_n_selected (f->canvas), ==, 3);
  g_assert_true (activate (f, "canvas.copy"));
  g_assert_true (activate (f, "canvas.paste"));
  g_assert_true (wait_for_nodes (f, 8));

  for (guint i = 5; i < 8; i++)
    {
      g_autoptr(VaNode) n = g_list_model_get_item (nodes, i);
      const char *id = va_node_get_id (n);

      g_assert_false (g_hash_table_contains (old_ids, id));
      g_assert_true (va_canvas_is_node_selected (f->canvas, n));
      if (i == 5)
        copy2 = id;
      else if (i == 6)
        copy3 = id;
      else
        copy5 = id;
    }
  /* Same content, offset, and the edges among the copies follow them. */
  g_assert_cmpstr (va_message_node_get_text (VA_MESSAGE_NODE (node (f, copy2))), ==,
                   va_message_node_get_text (VA_MESSAGE_NODE (node (f, "n2"))));
  g_assert_cmpint (va_node_get_x (node (f, copy2)), ==, va_node_get_x (node (f, "n2")) + 40);
  g_assert_cmpint (va_node_get_y (node (f, copy2)), ==, va_node_get_y (node (f, "n2")) + 40);
  assert_port (f, copy2, 0, copy5);
  assert_port (f, copy3, 0, copy5);
  g_assert_cmpstr (va_redirect_node_get_topic (VA_REDIRECT_NODE (node (f, copy5))), ==, "end-of-conversation");
  g_assert_cmpuint (va_canvas_get_n_selected (f->canvas), ==, 3);
  g_assert_cmpuint (va_history_get_n_undo (f->history), ==, 1);
  after = document (f);
  assert_undo_redo (f, before, after);
  g_assert_true (va_history_undo (f->history));

  /* A node copied alone loses its edge to the outside; a question keeps its choices. */
  click_node (f, "n1");
  g_assert_true (activate (f, "canvas.copy"));
  g_assert_true (activate (f, "canvas.paste"));
  g_assert_true (wait_for_nodes (f, 6));
  {
    g_autoptr(VaNode) copy = g_list_model_get_item (nodes, 5);
    GListModel *options = va_question_node_get_options (VA_QUESTION_NODE (copy));
    g_autoptr(VaChoice) first = g_list_model_get_item (options, 0);

    g_assert_cmpint (va_node_get_kind (copy), ==, VA_NODE_KIND_QUESTION);
    g_assert_cmpuint (g_list_model_get_n_items (options), ==, 3);
    g_assert_cmpstr (va_choice_get_label (first), ==, "Downtown");
    g_assert_null (va_choice_get_next (first));
    g_assert_cmpstr (va_topic_get_start (f->topic), ==, "n1");
  }

  /* Text that is not ours is ignored. */
  g_assert_false (va_canvas_paste_text (f->canvas, "{\"nodes\": []}"));
  g_assert_false (va_canvas_paste_text (f->canvas, "not json"));
  /* Any program may put text on the clipboard: nesting json-glib would recurse through until the
   * stack runs out, and a broken surrogate pair (json-glib leaks on it), are refused. */
  {
    g_autofree char *deep = g_strnfill (500000, '[');

    g_assert_false (va_canvas_paste_text (f->canvas, deep));
  }
  g_assert_false (va_canvas_paste_text (f->canvas, "{\"format\": \"virtual-agent-nodes\", "
                                                   "\"nodes\": [\"\\ud800\\u0041\"]}"));
  g_assert_cmpuint (n_nodes (f), ==, 6);
}

static void
test_tidy (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *before = document (f);
  g_autofree char *after = NULL;
  int start_y;

  g_assert_true (activate (f, "canvas.tidy"));
  g_assert_cmpuint (va_history_get_n_undo (f->history), ==, 1);
  assert_no_overlaps (f);

  /* Layers follow the conversation: every edge of the breadth-first tree goes down. */
  start_y = va_node_get_y (node (f, "n1"));
  for (guint i = 0; i < n_nodes (f); i++)
    {
      g_autoptr(VaNode) n = g_list_model_get_item (va_topic_get_nodes (f->topic), i);

      g_assert_cmpint (va_node_get_y (n), >=, start_y);
    }
  g_assert_cmpint (va_node_get_y (node (f, "n2")), >, start_y);
  g_assert_cmpint (va_node_get_y (node (f, "n5")), >, start_y);
  g_assert_cmpint (va_node_get_y (node (f, "n3")), >, va_node_get_y (node (f, "n2")));
  g_assert_cmpint (va_node_get_y (node (f, "n6")), >, va_node_get_y (node (f, "n5")));
  g_assert_cmpint (va_node_get_y (node (f, "n7")), >, va_node_get_y (node (f, "n6")));
  /* Yes before No: the ports' order is kept left to right. */
  g_assert_cmpint (va_node_get_x (node (f, "n2")), <, va_node_get_x (node (f, "n5")));
  g_assert_cmpint (va_node_get_x (node (f, "n7")), <, va_node_get_x (node (f, "n8")));
  g_assert_true (activate (f, "canvas.zoom-fit"));
  va_test_wait_for_draw (f->window);
  assert_all_visible (f);
  va_test_save_screenshot (f->window, "canvas-tidy.png");

  after = document (f);
  assert_undo_redo (f, before, after);
  /* Tidy again changes nothing, so adds no step. */
  g_assert_true (activate (f, "canvas.tidy"));
  g_assert_cmpuint (va_history_get_n_undo (f->history), ==, 1);

  /* Where paths join, the card sits under the middle of the cards that lead to it. */
  va_canvas_set_topic (f->canvas, va_bot_find_topic (f->bot, "store-hours", NULL));
  g_object_unref (f->topic);
  f->topic = g_object_ref (va_canvas_get_topic (f->canvas));
  va_node_set_position (node (f, "n5"), -900, 900);
  g_assert_true (activate (f, "canvas.tidy"));
  assert_no_overlaps (f);
  g_assert_cmpint (va_node_get_x (node (f, "n5")), ==, va_node_get_x (node (f, "n3")));
  g_assert_cmpint (va_node_get_y (node (f, "n2")), ==, va_node_get_y (node (f, "n4")));
  g_assert_cmpint (va_node_get_x (node (f, "n2")), <, va_node_get_x (node (f, "n3")));
  g_assert_cmpint (va_node_get_x (node (f, "n3")), <, va_node_get_x (node (f, "n4")));
  g_assert_true (activate (f, "canvas.zoom-fit"));
  va_test_wait_for_draw (f->window);
  va_test_save_screenshot (f->window, "canvas-tidy-store-hours.png");
}

static void
test_zoom (Fixture       *f,
           gconstpointer  data)
{
  double zoom = va_canvas_get_zoom (f->canvas);

  g_assert_true (activate (f, "canvas.zoom-in"));
  g_assert_cmpfloat (fabs (va_canvas_get_zoom (f->canvas) - zoom * 1.25), <, 1e-9);
  g_assert_true (activate (f, "canvas.zoom-out"));
  g_assert_true (activate (f, "canvas.zoom-out"));
  g_assert_cmpfloat (fabs (va_canvas_get_zoom (f->canvas) - zoom / 1.25), <, 1e-9);
  g_assert_true (activate (f, "canvas.zoom-reset"));
  g_assert_cmpfloat (va_canvas_get_zoom (f->canvas), ==, 1.0);

  for (int i = 0; i < 8; i++)
    activate (f, "canvas.zoom-in");
  g_assert_cmpfloat (va_canvas_get_zoom (f->canvas), <=, VA_CANVAS_MAX_ZOOM);
  g_assert_true (activate (f, "canvas.zoom-fit"));
  assert_all_visible (f);

  /* Zoomed out the cards lose their text. */
  va_canvas_set_zoom (f->canvas, 0.3);
  va_test_wait_for_draw (f->window);
  va_test_save_screenshot (f->window, "canvas-lod.png");
  va_canvas_set_zoom (f->canvas, 2.0);
  va_test_wait_for_draw (f->window);
  va_test_save_screenshot (f->window, "canvas-zoom-2.png");
}

static void
activated_cb (VaCanvas *canvas,
              VaNode   *n,
              VaNode  **out)
{
  *out = n;
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  VaNode *activated = NULL;
  char *error;

  g_signal_connect (f->canvas, "node-activated", G_CALLBACK (activated_cb), &activated);
  gtk_widget_grab_focus (GTK_WIDGET (f->canvas));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->canvas)));

  /* From nothing, the arrows start at the start node. */
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.move-focus", "(ii)", 0, 1);
  g_assert_true (va_canvas_get_selected_node (f->canvas) == node (f, "n1"));
  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (f->canvas), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                              "Question: Which store are you asking about? 3 choices. "
                                              "Start of the topic");
  g_assert_null (error);

  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.move-focus", "(ii)", 0, 1);
  g_assert_true (va_canvas_get_selected_node (f->canvas) == node (f, "n3"));
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.move-focus", "(ii)", 1, 0);
  g_assert_true (va_canvas_get_selected_node (f->canvas) == node (f, "n4"));
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.move-focus", "(ii)", -1, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.move-focus", "(ii)", -1, 0);
  g_assert_true (va_canvas_get_selected_node (f->canvas) == node (f, "n2"));
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.move-focus", "(ii)", 0, 1);
  g_assert_true (va_canvas_get_selected_node (f->canvas) == node (f, "n5"));
  g_assert_cmpuint (va_canvas_get_n_selected (f->canvas), ==, 1);
  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (f->canvas), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                              "Redirect: → End of conversation");
  g_assert_null (error);

  g_assert_true (activate (f, "canvas.activate"));
  g_assert_true (activated == node (f, "n5"));

  /* The description follows the model. */
  va_canvas_select_node (f->canvas, node (f, "n2"));
  va_history_set (f->history, node (f, "n2"), "text", "We open at nine.", NULL);
  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (f->canvas), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                              "Message: We open at nine.");
  g_assert_null (error);
  va_test_wait_for_draw (f->window);
  va_test_save_screenshot (f->window, "canvas-focus.png");

  /* Double-click activates too. */
  activated = NULL;
  {
    double x, y;

    g_assert_true (va_canvas_get_node_point (f->canvas, "n3", &x, &y));
    g_signal_emit_by_name (va_canvas_get_click_gesture (f->canvas), "pressed", 2, x, y);
    g_assert_true (activated == node (f, "n3"));
  }
}

static void
test_follows_model (Fixture       *f,
                    gconstpointer  data)
{
  guint serial2 = va_canvas_get_card_serial (f->canvas, "n2");
  guint serial3 = va_canvas_get_card_serial (f->canvas, "n3");
  VaQuestionNode *question = VA_QUESTION_NODE (node (f, "n1"));
  g_autoptr(VaChoice) choice = va_choice_new ();
  VaCanvasCard *card;

  /* An edit elsewhere (the inspector) redraws that card only. */
  va_history_set (f->history, node (f, "n2"), "text", "Changed from the inspector", NULL);
  va_test_wait_for_draw (f->window);
  g_assert_cmpuint (va_canvas_get_card_serial (f->canvas, "n2"), >, serial2);
  g_assert_cmpuint (va_canvas_get_card_serial (f->canvas, "n3"), ==, serial3);
  serial2 = va_canvas_get_card_serial (f->canvas, "n2");
  g_assert_true (va_history_undo (f->history));
  va_test_wait_for_draw (f->window);
  g_assert_cmpuint (va_canvas_get_card_serial (f->canvas, "n2"), >, serial2);

  /* A new choice is a new port. */
  va_choice_set_label (choice, "Harbour");
  va_choice_set_next (choice, "n3");
  va_history_append (f->history, va_question_node_get_options (question), choice);
  card = va_canvas_find_card (f->canvas, "n1");
  g_assert_cmpuint (card->edges->len, ==, 5);
  va_canvas_update_geometry (f->canvas);
  g_assert_cmpfloat (card->w, ==, 5 * VA_CANVAS_PORT_WIDTH);
  g_assert_true (g_array_index (card->edges, VaCanvasEdge, 3).target == va_canvas_find_card (f->canvas, "n3"));

  /* Renaming the choice redraws its card. */
  serial2 = va_canvas_get_card_serial (f->canvas, "n1");
  va_test_wait_for_draw (f->window);
  serial2 = va_canvas_get_card_serial (f->canvas, "n1");
  va_history_set (f->history, choice, "label", "Harbor", NULL);
  va_test_wait_for_draw (f->window);
  g_assert_cmpuint (va_canvas_get_card_serial (f->canvas, "n1"), >, serial2);

  /* Undo and redo of node insertion and removal reach the cards. */
  va_history_remove (f->history, va_topic_get_nodes (f->topic), 2);
  g_assert_cmpuint (f->canvas->cards->len, ==, 4);
  g_assert_null (va_canvas_find_card (f->canvas, "n3"));
  va_canvas_update_geometry (f->canvas);
  g_assert_true (g_array_index (card->edges, VaCanvasEdge, 1).dangling);
  va_test_wait_for_draw (f->window);
  va_test_save_screenshot (f->window, "canvas-dangling.png");
  g_assert_true (va_history_undo (f->history));
  g_assert_cmpuint (f->canvas->cards->len, ==, 5);
  g_assert_nonnull (va_canvas_find_card (f->canvas, "n3"));
  va_canvas_update_geometry (f->canvas);
  g_assert_false (g_array_index (card->edges, VaCanvasEdge, 1).dangling);

  /* The start marker follows the topic. */
  serial3 = va_canvas_get_card_serial (f->canvas, "n3");
  va_history_set (f->history, f->topic, "start", "n3", NULL);
  va_test_wait_for_draw (f->window);
  g_assert_true (va_canvas_find_card (f->canvas, "n3")->is_start);
  g_assert_false (va_canvas_find_card (f->canvas, "n1")->is_start);
  g_assert_cmpuint (va_canvas_get_card_serial (f->canvas, "n3"), >, serial3);
}

static void
test_highlight (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *id = NULL;

  va_canvas_set_highlighted_node (f->canvas, "n2");
  g_assert_cmpstr (va_canvas_get_highlighted_node (f->canvas), ==, "n2");
  g_object_get (f->canvas, "highlighted-node", &id, NULL);
  g_assert_cmpstr (id, ==, "n2");
  va_test_wait_for_draw (f->window);
  va_test_save_screenshot (f->window, "canvas-highlight.png");
  va_canvas_set_highlighted_node (f->canvas, NULL);
  g_assert_null (va_canvas_get_highlighted_node (f->canvas));
}

static void
test_other_topics (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const topics[] = { "order-status", "return-product", "escalate", "confirmed-failure" };

  for (guint i = 0; i < G_N_ELEMENTS (topics); i++)
    {
      g_autofree char *name = g_strdup_printf ("canvas-%s.png", topics[i]);

      va_canvas_set_topic (f->canvas, va_bot_find_topic (f->bot, topics[i], NULL));
      va_test_wait_for_draw (f->window);
      assert_all_visible (f);
      va_test_save_screenshot (f->window, name);
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  va_canvas_set_topic (f->canvas, va_bot_find_topic (f->bot, "order-status", NULL));
  va_canvas_set_highlighted_node (f->canvas, "n2");
  va_canvas_select_node (f->canvas, va_topic_find_node (va_canvas_get_topic (f->canvas), "n4", NULL));
  va_test_wait_for_draw (f->window);
  va_test_save_screenshot (f->window, "canvas-order-status-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  va_canvas_set_topic (f->canvas, NULL);
  va_test_wait_for_draw (f->window);
  g_assert_cmpuint (f->canvas->cards->len, ==, 0);
  activate (f, "canvas.tidy");
  g_assert_cmpuint (va_history_get_n_undo (f->history), ==, 0);
}

/* ---- auto-scroll while dragging ----------------------------------------------------------- */

typedef struct
{
  Fixture *f;
  double   pan_x0;
  double   pan_y0;
  double   delta;
} PanWait;

static gboolean
has_panned (gpointer data)
{
  PanWait *wait = data;
  double pan_x, pan_y;

  va_canvas_get_view (wait->f->canvas, NULL, &pan_x, &pan_y);
  return fabs (pan_x - wait->pan_x0) >= wait->delta || fabs (pan_y - wait->pan_y0) >= wait->delta;
}

/* Runs the main loop (and so the frame clock) until the view has moved by @delta along an
 * axis, or five seconds passed. */
static gboolean
wait_for_pan (Fixture *f,
              double   pan_x0,
              double   pan_y0,
              double   delta)
{
  PanWait wait = { f, pan_x0, pan_y0, delta };

  return va_test_wait (has_panned, &wait, 5);
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
test_auto_scroll_move (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *before = document (f);
  GtkGesture *gesture = va_canvas_get_drag_gesture (f->canvas);
  int width = gtk_widget_get_width (GTK_WIDGET (f->canvas));
  int x3 = va_node_get_x (node (f, "n3")), y3 = va_node_get_y (node (f, "n3"));
  double zoom, pan_x0, pan_y0, pan_x, pan_y, x, y, grab_x, ox, expected_x;
  VaCanvasCard *card = va_canvas_find_card (f->canvas, "n3");

  va_canvas_get_view (f->canvas, &zoom, &pan_x0, &pan_y0);
  g_assert_true (va_canvas_get_node_point (f->canvas, "n3", &x, &y));
  grab_x = va_canvas_to_model_x (f->canvas, x) - x3; /* where in the card it was taken */

  /* Away from the edges the view stays put. */
  g_signal_emit_by_name (gesture, "drag-begin", x, y);
  g_signal_emit_by_name (gesture, "drag-update", 30.0, 0.0);
  g_assert_cmpuint (f->canvas->autoscroll_id, ==, 0);

  /* 40 px past the right edge: the view scrolls right on its own, the pointer not moving. */
  ox = width + 40 - x;
  g_signal_emit_by_name (gesture, "drag-update", ox, 0.0);
  g_assert_cmpuint (f->canvas->autoscroll_id, !=, 0);
  g_assert_true (wait_for_pan (f, pan_x0, pan_y0, 150));
  va_canvas_get_view (f->canvas, NULL, &pan_x, &pan_y);
  g_assert_cmpfloat (pan_x, <, pan_x0 - 150);
  g_assert_cmpfloat (pan_y, ==, pan_y0);
  g_assert_cmpfloat (va_canvas_get_zoom (f->canvas), ==, zoom);

  /* The card followed the pointer in canvas units: further than the pointer moved on screen. */
  va_canvas_update_geometry (f->canvas);
  g_assert_cmpfloat (fabs (card->x - (va_canvas_to_model_x (f->canvas, x + ox) - grab_x)), <, 1e-6);
  g_assert_cmpfloat (card->x, >, x3 + (ox + 150) / zoom);
  g_assert_cmpfloat (card->y, ==, y3);
  g_assert_cmpuint (va_history_get_n_undo (f->history), ==, 0);
  va_test_wait_for_draw (f->window);
  va_test_save_screenshot (f->window, "canvas-auto-scroll.png");

  /* Back inside: it stops. */
  ox -= 100;
  g_signal_emit_by_name (gesture, "drag-update", ox, 0.0);
  g_assert_cmpuint (f->canvas->autoscroll_id, ==, 0);
  va_canvas_get_view (f->canvas, NULL, &pan_x, NULL);
  spin (100);
  va_canvas_get_view (f->canvas, NULL, &x, NULL);
  g_assert_cmpfloat (x, ==, pan_x);

  /* Dropped: one undo step, the node where the pointer left it in canvas units. */
  g_assert_true (va_canvas_get_node_point (f->canvas, "n3", &x, &y));
  expected_x = va_canvas_to_model_x (f->canvas, va_canvas_to_widget_x (f->canvas, card->x));
  g_signal_emit_by_name (gesture, "drag-end", ox, 0.0);
  g_assert_cmpuint (f->canvas->autoscroll_id, ==, 0);
  g_assert_cmpint (va_node_get_x (node (f, "n3")), ==, (int) lround (expected_x));
  g_assert_cmpint (va_node_get_x (node (f, "n3")), >, x3 + 150 / zoom);
  g_assert_cmpint (va_node_get_y (node (f, "n3")), ==, y3);
  g_assert_cmpuint (va_history_get_n_undo (f->history), ==, 1);
  g_assert_true (va_history_undo (f->history));
  {
    g_autofree char *undone = document (f);

    g_assert_cmpstr (undone, ==, before);
  }

  /* Escape while it scrolls: it stops and nothing moves. */
  va_canvas_get_view (f->canvas, NULL, &pan_x0, &pan_y0);
  g_assert_true (va_canvas_get_node_point (f->canvas, "n3", &x, &y));
  g_signal_emit_by_name (gesture, "drag-begin", x, y);
  g_signal_emit_by_name (gesture, "drag-update", -x - 30, 0.0);
  g_assert_true (wait_for_pan (f, pan_x0, pan_y0, 20));
  g_assert_true (activate (f, "canvas.unselect"));
  g_assert_cmpuint (f->canvas->autoscroll_id, ==, 0);
  g_signal_emit_by_name (gesture, "drag-end", -x - 30, 0.0);
  g_assert_cmpint (va_node_get_x (node (f, "n3")), ==, x3);
  g_assert_cmpuint (va_history_get_n_undo (f->history), ==, 0);
}

static gboolean
first_card_above_view (gpointer data)
{
  Fixture *f = data;
  VaCanvasCard *first = va_canvas_find_card (f->canvas, "n1");

  return va_canvas_to_widget_y (f->canvas, first->y + first->h) <= 0;
}

static void
test_auto_scroll_band (Fixture       *f,
                       gconstpointer  data)
{
  GtkGesture *gesture = va_canvas_get_drag_gesture (f->canvas);
  int width = gtk_widget_get_width (GTK_WIDGET (f->canvas));
  int height = gtk_widget_get_height (GTK_WIDGET (f->canvas));
  VaCanvasCard *first = va_canvas_find_card (f->canvas, "n1");
  double pan_x0, pan_y0, x0, y0, ax, ay;

  /* Shift-drag from empty space above the first card to below the bottom edge. */
  va_canvas_get_view (f->canvas, NULL, &pan_x0, &pan_y0);
  va_canvas_update_geometry (f->canvas);
  x0 = 4;
  y0 = va_canvas_to_widget_y (f->canvas, first->y) - 8;
  g_assert_cmpfloat (y0, >, 24);
  g_assert_true (va_canvas_hit_test (f->canvas, x0, y0).kind == VA_CANVAS_HIT_NONE);
  va_canvas_set_test_modifiers (f->canvas, GDK_SHIFT_MASK);
  g_signal_emit_by_name (gesture, "drag-begin", x0, y0);
  va_canvas_set_test_modifiers (f->canvas, 0);
  g_signal_emit_by_name (gesture, "drag-update", width - 28 - x0, height + 30 - y0);
  g_assert_cmpuint (f->canvas->autoscroll_id, !=, 0);

  /* Scrolled down until the first card is out of sight above. */
  va_test_wait (first_card_above_view, f, 5);
  g_assert_cmpfloat (va_canvas_to_widget_y (f->canvas, first->y + first->h), <=, 0);
  {
    double pan_x, pan_y;

    /* Down only: the pointer is past the bottom, not near a side. */
    va_canvas_get_view (f->canvas, NULL, &pan_x, &pan_y);
    g_assert_cmpfloat (pan_x, ==, pan_x0);
    g_assert_cmpfloat (pan_y, <, pan_y0);
  }
  /* The band starts where it was pressed on the canvas, now above the view. */
  ax = va_canvas_to_widget_x (f->canvas, f->canvas->drag_mx0);
  ay = va_canvas_to_widget_y (f->canvas, f->canvas->drag_my0);
  g_assert_cmpfloat (fabs (ax - x0), <, 1e-6);
  g_assert_cmpfloat (ay, <, 0);
  va_test_wait_for_draw (f->window);
  va_test_save_screenshot (f->window, "canvas-auto-scroll-band.png");

  g_signal_emit_by_name (gesture, "drag-end", width - 28 - x0, height + 30 - y0);
  g_assert_cmpuint (f->canvas->autoscroll_id, ==, 0);
  /* So it takes the first card too, although it scrolled away. */
  g_assert_true (va_canvas_is_node_selected (f->canvas, node (f, "n1")));
  g_assert_cmpuint (va_canvas_get_n_selected (f->canvas), ==, 5);
  g_assert_cmpuint (va_history_get_n_undo (f->history), ==, 0);
}

static void
test_auto_scroll_connect (Fixture       *f,
                          gconstpointer  data)
{
  GtkGesture *gesture = va_canvas_get_drag_gesture (f->canvas);
  int height = gtk_widget_get_height (GTK_WIDGET (f->canvas));
  double pan_x0, pan_y0, px, py;

  /* A connection dragged past the bottom scrolls too; dropped outside the view, it connects
   * nothing, even where a card lies out of sight. */
  va_canvas_get_view (f->canvas, NULL, &pan_x0, &pan_y0);
  g_assert_true (va_canvas_get_port_point (f->canvas, "n1", 3, &px, &py));
  g_signal_emit_by_name (gesture, "drag-begin", px, py);
  g_signal_emit_by_name (gesture, "drag-update", 0.0, height + 20 - py);
  g_assert_cmpuint (f->canvas->autoscroll_id, !=, 0);
  g_assert_true (wait_for_pan (f, pan_x0, pan_y0, 60));
  g_assert_null (f->canvas->drop_target);
  g_signal_emit_by_name (gesture, "drag-end", 0.0, height + 20 - py);
  g_assert_cmpuint (f->canvas->autoscroll_id, ==, 0);
  assert_port (f, "n1", 3, NULL);
  g_assert_cmpuint (va_history_get_n_undo (f->history), ==, 0);
}

/* ---- the context menu --------------------------------------------------------------------- */

#define NODE_MENU "canvas.activate canvas.cut canvas.copy canvas.duplicate canvas.delete"

static GtkPopover *
context_menu (Fixture *f)
{
  return GTK_POPOVER (va_canvas_get_context_menu (f->canvas));
}

static void
right_click (Fixture *f,
             double   x,
             double   y)
{
  g_signal_emit_by_name (va_canvas_get_context_gesture (f->canvas), "pressed", 1, x, y);
}

/* The menu's items, sections flattened, as "action" or ">label" for a submenu (its items
 * follow in brackets), joined with spaces. */
static void
describe_menu (GMenuModel *model,
               GString    *out)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (model, i, G_MENU_LINK_SUBMENU);
      g_autofree char *label = NULL;
      g_autofree char *action = NULL;

      if (section != NULL)
        {
          describe_menu (section, out);
          continue;
        }
      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
      if (out->len > 0 && out->str[out->len - 1] != '[')
        g_string_append_c (out, ' ');
      if (submenu != NULL)
        {
          g_string_append_printf (out, ">%s[", label);
          describe_menu (submenu, out);
          g_string_append_c (out, ']');
        }
      else
        g_string_append (out, action);
    }
}

static char *
menu_items (Fixture *f)
{
  GString *out = g_string_new (NULL);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (context_menu (f))));
  describe_menu (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (context_menu (f))), out);
  return g_string_free (out, FALSE);
}

/* Labels compared as shown: with or without their mnemonic underline. */
static gboolean
same_label (const char *a,
            const char *b)
{
  g_auto(GStrv) pa = a != NULL ? g_strsplit (a, "_", -1) : NULL;
  g_auto(GStrv) pb = b != NULL ? g_strsplit (b, "_", -1) : NULL;
  g_autofree char *ja = pa != NULL ? g_strjoinv ("", pa) : NULL;
  g_autofree char *jb = pb != NULL ? g_strjoinv ("", pb) : NULL;

  return g_strcmp0 (ja, jb) == 0;
}

/* GtkModelButton is private to GTK: known by its name. */
static GtkWidget *
find_menu_button (GtkWidget  *root,
                  const char *text)
{
  g_autoptr(GPtrArray) widgets = va_test_collect_widgets (root, GTK_TYPE_WIDGET);

  for (guint i = 0; i < widgets->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (widgets, i);
      g_autofree char *label = NULL;

      if (!g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkModelButton"))
        continue;
      g_object_get (widget, "text", &label, NULL);
      if (same_label (label, text))
        return widget;
    }
  return NULL;
}

/* Clicks an item as the user does: its button in the open popover. */
static void
click_menu_item (Fixture    *f,
                 const char *text)
{
  GtkWidget *button = find_menu_button (GTK_WIDGET (context_menu (f)), text);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  va_test_click (button);
  va_test_iterate ();
}

static gboolean
transition_done (gpointer stack)
{
  return !gtk_stack_get_transition_running (stack);
}

/* A submenu slides in: wait until it is in place. */
static void
wait_for_menu_transition (Fixture *f)
{
  GtkWidget *stack = va_test_find_widget (GTK_WIDGET (context_menu (f)), GTK_TYPE_STACK, NULL);

  g_assert_nonnull (stack);
  va_test_wait (transition_done, stack, 5);
  g_assert_false (gtk_stack_get_transition_running (GTK_STACK (stack)));
}

/* The window with the open menu drawn where it is on screen (the picture grows to show the
 * menu where it goes past the window). */
static void
save_menu_screenshot (Fixture    *f,
                      const char *name)
{
  const char *dir = g_getenv ("VA_SCREENSHOT_DIR");
  GtkWidget *menu = GTK_WIDGET (context_menu (f));
  g_autoptr(GdkPaintable) window = NULL;
  g_autoptr(GdkPaintable) popover = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) render = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GdkSurface *surface;
  graphene_rect_t all, menu_rect;
  double wx, wy, mx, my;
  int width = gtk_widget_get_width (f->window), height = gtk_widget_get_height (f->window);

  if (dir == NULL)
    return;
  window = gtk_widget_paintable_new (f->window);
  popover = gtk_widget_paintable_new (menu);
  va_test_wait_for_draw (f->window);
  va_test_wait_for_draw (menu);
  surface = gtk_native_get_surface (GTK_NATIVE (menu));
  gtk_native_get_surface_transform (GTK_NATIVE (f->window), &wx, &wy);
  gtk_native_get_surface_transform (GTK_NATIVE (menu), &mx, &my);
  menu_rect = GRAPHENE_RECT_INIT (gdk_popup_get_position_x (GDK_POPUP (surface)) + mx - wx,
                                  gdk_popup_get_position_y (GDK_POPUP (surface)) + my - wy,
                                  gtk_widget_get_width (menu), gtk_widget_get_height (menu));
  graphene_rect_union (&GRAPHENE_RECT_INIT (0, 0, width, height), &menu_rect, &all);

  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (window, GDK_SNAPSHOT (snapshot), width, height);
  gtk_snapshot_translate (snapshot, &menu_rect.origin);
  gdk_paintable_snapshot (popover, GDK_SNAPSHOT (snapshot),
                          menu_rect.size.width, menu_rect.size.height);
  render = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (render);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (f->window)),
                                         render, &all);
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
test_context_menu_node (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *before = document (f);
  g_autofree char *items = NULL;
  double x, y;

  /* A right-click on a node that is not selected selects it alone. */
  click_node (f, "n2");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (context_menu (f))));
  g_assert_true (va_canvas_get_node_point (f->canvas, "n3", &x, &y));
  right_click (f, x, y);
  g_assert_true (va_canvas_get_selected_node (f->canvas) == node (f, "n3"));
  g_assert_cmpuint (va_canvas_get_n_selected (f->canvas), ==, 1);
  items = menu_items (f);
  g_assert_cmpstr (items, ==, NODE_MENU);
  {
    GdkRectangle at;

    /* At the click. */
    g_assert_true (gtk_popover_get_pointing_to (context_menu (f), &at));
    g_assert_cmpint (at.x, ==, (int) x);
    g_assert_cmpint (at.y, ==, (int) y);
  }
  save_menu_screenshot (f, "canvas-context-menu-node.png");
  va_test_save_screenshot (GTK_WIDGET (context_menu (f)), "canvas-context-menu.png");

  /* Delete, through the menu's own button: one undo step. */
  click_menu_item (f, "_Delete");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (context_menu (f))));
  g_assert_null (node (f, "n3"));
  g_assert_cmpuint (n_nodes (f), ==, 4);
  assert_port (f, "n1", 1, NULL);
  g_assert_cmpuint (va_history_get_n_undo (f->history), ==, 1);
  g_assert_true (va_history_undo (f->history));
  {
    g_autofree char *undone = document (f);

    g_assert_cmpstr (undone, ==, before);
  }

  /* On one of two selected nodes the selection stays, and Duplicate copies both. */
  click_node (f, "n2");
  va_canvas_set_test_modifiers (f->canvas, GDK_CONTROL_MASK);
  click_node (f, "n4");
  va_canvas_set_test_modifiers (f->canvas, 0);
  g_assert_true (va_canvas_get_node_point (f->canvas, "n2", &x, &y));
  right_click (f, x, y);
  g_assert_cmpuint (va_canvas_get_n_selected (f->canvas), ==, 2);
  g_assert_true (va_canvas_get_selected_node (f->canvas) == node (f, "n2"));
  click_menu_item (f, "_Duplicate");
  g_assert_cmpuint (n_nodes (f), ==, 7);
  g_assert_cmpuint (va_canvas_get_n_selected (f->canvas), ==, 2);
  g_assert_false (va_canvas_is_node_selected (f->canvas, node (f, "n2")));
  g_assert_cmpuint (va_history_get_n_undo (f->history), ==, 1);
  g_assert_cmpstr (va_history_get_undo_label (f->history), ==, "Duplicate Nodes");
  g_assert_true (va_history_undo (f->history));
  g_assert_cmpuint (n_nodes (f), ==, 5);
}

static void
test_context_menu_canvas (Fixture       *f,
                          gconstpointer  data)
{
  int height = gtk_widget_get_height (GTK_WIDGET (f->canvas));
  g_autofree char *items = NULL;
  g_autofree char *expected = NULL;
  GString *kinds = g_string_new (NULL);
  GListModel *nodes = va_topic_get_nodes (f->topic);
  double mx, my;

  /* Empty canvas: paste, the node kinds of the "+" buttons, select all, tidy, fit. */
  click_node (f, "n2");
  right_click (f, 40, height - 60);
  g_assert_cmpuint (va_canvas_get_n_selected (f->canvas), ==, 0);
  for (guint kind = 0; kind < VA_N_NODE_KINDS; kind++)
    g_string_append_printf (kinds, "%scanvas.add-node", kind > 0 ? " " : "");
  expected = g_strdup_printf ("canvas.paste >_Add Node[%s] "
                              "canvas.select-all canvas.tidy canvas.zoom-fit", kinds->str);
  g_string_free (kinds, TRUE);
  items = menu_items (f);
  g_assert_cmpstr (items, ==, expected);
  save_menu_screenshot (f, "canvas-context-menu-canvas.png");

  /* Add Node → Message puts a message card where the menu was opened. */
  mx = va_canvas_to_model_x (f->canvas, 40);
  my = va_canvas_to_model_y (f->canvas, height - 60);
  click_menu_item (f, "_Add Node");
  wait_for_menu_transition (f);
  save_menu_screenshot (f, "canvas-context-menu-add-node.png");
  click_menu_item (f, va_node_kind_get_display_name (VA_NODE_KIND_MESSAGE));
  g_assert_cmpuint (n_nodes (f), ==, 6);
  {
    g_autoptr(VaNode) added = g_list_model_get_item (nodes, 5);
    VaCanvasCard *card = va_canvas_card_for_node (f->canvas, added);

    g_assert_cmpint (va_node_get_kind (added), ==, VA_NODE_KIND_MESSAGE);
    va_canvas_update_geometry (f->canvas);
    g_assert_cmpfloat (fabs (card->x + card->w / 2 - mx), <=, 1);
    g_assert_cmpfloat (fabs (card->y + card->h / 2 - my), <=, 1);
    g_assert_true (va_canvas_get_selected_node (f->canvas) == added);
  }
  g_assert_cmpuint (va_history_get_n_undo (f->history), ==, 1);
  g_assert_true (va_history_undo (f->history));

  /* Copy from a node's menu, Paste from the canvas's. */
  {
    double x, y;

    g_assert_true (va_canvas_get_node_point (f->canvas, "n4", &x, &y));
    right_click (f, x, y);
    click_menu_item (f, "_Copy");
  }
  right_click (f, 40, height - 60);
  click_menu_item (f, "_Paste");
  g_assert_true (wait_for_nodes (f, 6));
  {
    g_autoptr(VaNode) pasted = g_list_model_get_item (nodes, 5);

    g_assert_cmpstr (va_node_get_id (pasted), !=, "n4");
    g_assert_cmpint (va_node_get_kind (pasted), ==, va_node_get_kind (node (f, "n4")));
    g_assert_cmpint (va_node_get_x (pasted), ==, va_node_get_x (node (f, "n4")) + 40);
  }
  g_assert_cmpuint (va_history_get_n_undo (f->history), ==, 1);

  /* Select All, then Tidy Up, from the menu. */
  right_click (f, 40, height - 60);
  click_menu_item (f, "Select _All");
  g_assert_cmpuint (va_canvas_get_n_selected (f->canvas), ==, 6);
  right_click (f, 40, height - 60);
  click_menu_item (f, "_Tidy Up");
  g_assert_cmpuint (va_history_get_n_undo (f->history), ==, 2);
  assert_no_overlaps (f);

  /* Dark. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  right_click (f, 40, height - 60);
  save_menu_screenshot (f, "canvas-context-menu-canvas-dark.png");
  gtk_popover_popdown (context_menu (f));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* A point on the curve of a node's edge, a quarter of the way along (away from its "+"). */
static void
edge_point (Fixture    *f,
            const char *id,
            guint       port,
            double     *x,
            double     *y)
{
  VaCanvasCard *card = va_canvas_find_card (f->canvas, id);
  double mx, my;

  va_canvas_update_geometry (f->canvas);
  va_canvas_edge_point (&g_array_index (card->edges, VaCanvasEdge, port), 0.25, &mx, &my);
  *x = va_canvas_to_widget_x (f->canvas, mx);
  *y = va_canvas_to_widget_y (f->canvas, my);
}

static void
test_context_menu_edge (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *before = document (f);
  g_autofree char *items = NULL;
  g_autofree char *new_id = NULL;
  double x, y;

  /* On the connection n2 → n5: insert a node there, or delete the connection. */
  edge_point (f, "n2", 0, &x, &y);
  g_assert_true (va_canvas_hit_test (f->canvas, x, y).kind == VA_CANVAS_HIT_NONE);
  click_node (f, "n4");
  right_click (f, x, y);
  g_assert_true (va_canvas_get_selected_node (f->canvas) == node (f, "n4"));
  items = menu_items (f);
  g_assert_true (g_str_has_prefix (items, ">_Insert Node[canvas.insert-at canvas.insert-at "));
  g_assert_true (g_str_has_suffix (items, "] canvas.disconnect"));
  /* The connection the menu is about is drawn accented while it is open. */
  g_assert_true (f->canvas->menu_edge_card == va_canvas_find_card (f->canvas, "n2"));
  g_assert_cmpuint (f->canvas->menu_edge_port, ==, 0);
  save_menu_screenshot (f, "canvas-context-menu-edge.png");

  click_menu_item (f, "Delete _Connection");
  g_assert_null (f->canvas->menu_edge_card);
  assert_port (f, "n2", 0, NULL);
  g_assert_cmpuint (n_nodes (f), ==, 5);
  g_assert_cmpuint (va_history_get_n_undo (f->history), ==, 1);
  g_assert_true (va_history_undo (f->history));
  assert_port (f, "n2", 0, "n5");

  /* Insert Node → Question: the same as the "+" of that edge. */
  edge_point (f, "n2", 0, &x, &y);
  right_click (f, x, y);
  click_menu_item (f, "_Insert Node");
  click_menu_item (f, va_node_kind_get_display_name (VA_NODE_KIND_QUESTION));
  g_assert_cmpuint (n_nodes (f), ==, 6);
  new_id = port_target (node (f, "n2"), 0);
  g_assert_cmpint (va_node_get_kind (node (f, new_id)), ==, VA_NODE_KIND_QUESTION);
  g_assert_cmpuint (va_history_get_n_undo (f->history), ==, 1);
  g_assert_true (va_history_undo (f->history));
  {
    g_autofree char *undone = document (f);

    g_assert_cmpstr (undone, ==, before);
  }

  /* A port that leads nowhere offers only to add a node after it. */
  g_assert_true (va_canvas_get_port_point (f->canvas, "n1", 3, &x, &y));
  right_click (f, x, y);
  g_free (items);
  items = menu_items (f);
  g_assert_true (g_str_has_prefix (items, ">_Add Node[canvas.insert-at "));
  g_assert_null (strstr (items, "canvas.disconnect"));
  gtk_popover_popdown (context_menu (f));
}

static void
test_context_menu_keyboard (Fixture       *f,
                            gconstpointer  data)
{
  VaNode *activated = NULL;
  g_autofree char *items = NULL;
  GdkRectangle at;
  double x, y;

  /* Shift+F10 / Menu: the focused node's menu, pointing at its card. */
  g_signal_connect (f->canvas, "node-activated", G_CALLBACK (activated_cb), &activated);
  va_canvas_select_node (f->canvas, node (f, "n4"));
  g_assert_true (activate (f, "canvas.context-menu"));
  items = menu_items (f);
  g_assert_cmpstr (items, ==, NODE_MENU);
  g_assert_true (gtk_popover_get_pointing_to (context_menu (f), &at));
  g_assert_true (va_canvas_get_node_point (f->canvas, "n4", &x, &y));
  g_assert_true (x >= at.x && x <= at.x + at.width && y >= at.y && y <= at.y + at.height);
  save_menu_screenshot (f, "canvas-context-menu-keyboard.png");

  /* Edit opens the inspector as Enter does. */
  click_menu_item (f, "_Edit");
  g_assert_true (activated == node (f, "n4"));

  /* Nothing focused: the empty canvas's menu, in the middle. */
  va_canvas_select_node (f->canvas, NULL);
  g_assert_true (activate (f, "canvas.context-menu"));
  g_free (items);
  items = menu_items (f);
  g_assert_true (g_str_has_prefix (items, "canvas.paste >_Add Node["));
  gtk_popover_popdown (context_menu (f));

  /* Without a topic there is no menu. */
  va_canvas_set_topic (f->canvas, NULL);
  activate (f, "canvas.context-menu");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (context_menu (f))));
}

int
main (int    argc,
      char **argv)
{
  /* The test AT context records accessible properties for the checks. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  if (!va_test_ui_init (&argc, &argv))
    return 0;

#define ADD(path, func, topic) \
  g_test_add (path, Fixture, topic, fixture_set_up, func, fixture_tear_down)
  ADD ("/canvas/draws-topic", test_draws_topic, NULL);
  ADD ("/canvas/insert-on-edge", test_insert_on_edge, NULL);
  ADD ("/canvas/insert-after-free-port", test_insert_after_free_port, NULL);
  ADD ("/canvas/connect", test_connect, NULL);
  ADD ("/canvas/move", test_move, NULL);
  ADD ("/canvas/pan", test_pan, NULL);
  ADD ("/canvas/select-and-delete", test_select_and_delete, NULL);
  ADD ("/canvas/rubber-band", test_rubber_band, NULL);
  ADD ("/canvas/copy-paste", test_copy_paste, NULL);
  ADD ("/canvas/tidy", test_tidy, "return-product");
  ADD ("/canvas/zoom", test_zoom, NULL);
  ADD ("/canvas/keyboard", test_keyboard, NULL);
  ADD ("/canvas/follows-model", test_follows_model, NULL);
  ADD ("/canvas/highlight", test_highlight, NULL);
  ADD ("/canvas/other-topics", test_other_topics, NULL);
  ADD ("/canvas/auto-scroll/move", test_auto_scroll_move, NULL);
  ADD ("/canvas/auto-scroll/rubber-band", test_auto_scroll_band, NULL);
  ADD ("/canvas/auto-scroll/connect", test_auto_scroll_connect, NULL);
  ADD ("/canvas/context-menu/node", test_context_menu_node, NULL);
  ADD ("/canvas/context-menu/canvas", test_context_menu_canvas, NULL);
  ADD ("/canvas/context-menu/edge", test_context_menu_edge, NULL);
  ADD ("/canvas/context-menu/keyboard", test_context_menu_keyboard, NULL);
#undef ADD

  return g_test_run ();
}

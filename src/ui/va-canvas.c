/* va-canvas.c — the conversation editor: a topic's graph, custom-drawn
 *
 * The canvas shows one topic's nodes as cards and their ports' targets as
 * curves. It keeps a VaCanvasCard per node, in the topic's order, that caches
 * what is expensive to draw (the card's render node with its text) and the
 * geometry of its edges; the model's signals invalidate only what changed.
 * Every edit goes through the VaHistory as one undo step (va-canvas-edit.c).
 *
 * Split by concern: va-canvas-actions.c (class actions and key bindings),
 * va-canvas-preview.c (what a card says: kind icons and colours, previews,
 * descriptions), va-canvas-cache.c (cards watching their node, cached
 * render nodes, colours), va-canvas-draw.c (snapshot: culling, level of
 * detail, edges, overlays), va-canvas-input.c (gestures, keyboard, the
 * insert popover), va-canvas-autoscroll.c (panning while a drag is near an
 * edge), va-canvas-menu.c (the context menu), va-canvas-edit.c (undoable
 * edits), va-canvas-clipboard.c (copy, paste, duplicate), va-canvas-layout.c
 * (geometry, tidy layout, zoom to fit).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "va-canvas-private.h"

G_DEFINE_FINAL_TYPE (VaCanvas, va_canvas, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TOPIC,
  PROP_HISTORY,
  PROP_SELECTED_NODE,
  PROP_ZOOM,
  PROP_HIGHLIGHTED_NODE,
  PROP_BOT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum { SIGNAL_NODE_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- cards and the topic ---------------------------------------------------------------- */

void
va_canvas_ensure_index (VaCanvas *self)
{
  if (!self->index_dirty)
    return;

  g_hash_table_remove_all (self->by_id);
  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);

      card->index = i;
      g_hash_table_insert (self->by_id, (gpointer) va_node_get_id (card->node), card);
    }
  self->index_dirty = FALSE;
}

VaCanvasCard *
va_canvas_find_card (VaCanvas   *self,
                     const char *id)
{
  if (id == NULL)
    return NULL;
  va_canvas_ensure_index (self);
  return g_hash_table_lookup (self->by_id, id);
}

VaCanvasCard *
va_canvas_card_for_node (VaCanvas *self,
                         VaNode   *node)
{
  VaCanvasCard *card;

  if (node == NULL)
    return NULL;
  card = va_canvas_find_card (self, va_node_get_id (node));
  return card != NULL && card->node == node ? card : NULL;
}

void
va_canvas_queue_geometry (VaCanvas *self)
{
  self->geometry_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
nodes_changed_cb (GListModel *list,
                  guint       position,
                  guint       removed,
                  guint       added,
                  VaCanvas   *self)
{
  gboolean selection_changed = FALSE;

  for (guint i = 0; i < removed; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, position + i);

      if (card->selected)
        selection_changed = TRUE;
      if (self->selected == card->node)
        va_canvas_set_primary (self, NULL);
      if (self->drop_target == card)
        self->drop_target = NULL;
      if (self->menu_edge_card == card)
        self->menu_edge_card = NULL;
      if (self->hover.card == card)
        self->hover = (VaCanvasHit) { VA_CANVAS_HIT_NONE, NULL, 0 };
      if (self->press_hit.card == card)
        {
          self->press_hit = (VaCanvasHit) { VA_CANVAS_HIT_NONE, NULL, 0 };
          self->drag = VA_CANVAS_DRAG_NONE;
        }
    }
  g_ptr_array_remove_range (self->cards, position, removed);

  for (guint i = 0; i < added; i++)
    {
      g_autoptr(VaNode) node = g_list_model_get_item (list, position + i);

      g_ptr_array_insert (self->cards, position + i, va_canvas_card_new (self, node));
    }

  self->index_dirty = TRUE;
  va_canvas_queue_geometry (self);
  if (selection_changed)
    va_canvas_selection_changed (self);
  else
    va_canvas_update_actions (self);
}

static void
start_changed_cb (VaTopic    *topic,
                  GParamSpec *pspec,
                  VaCanvas   *self)
{
  const char *start = va_topic_get_start (topic);

  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);

      gboolean is_start = g_strcmp0 (start, va_node_get_id (card->node)) == 0;

      if (card->is_start != is_start)
        {
          card->is_start = is_start;
          va_canvas_card_invalidate (card);
        }
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
clear_topic (VaCanvas *self)
{
  if (self->topic == NULL)
    return;

  g_clear_signal_handler (&self->items_changed_id, va_topic_get_nodes (self->topic));
  g_clear_signal_handler (&self->start_id, self->topic);
  g_ptr_array_set_size (self->cards, 0);
  g_hash_table_remove_all (self->by_id);
  self->drop_target = NULL;
  self->menu_edge_card = NULL;
  self->hover = (VaCanvasHit) { VA_CANVAS_HIT_NONE, NULL, 0 };
  self->press_hit = self->hover;
  self->drag = VA_CANVAS_DRAG_NONE;
  g_clear_object (&self->topic);
}

/* ---- selection ---------------------------------------------------------------------------- */

void
va_canvas_update_actions (VaCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint n_selected = va_canvas_get_n_selected (self);
  gboolean has_cards = self->cards->len > 0;

  gtk_widget_action_set_enabled (widget, "canvas.delete", n_selected > 0);
  gtk_widget_action_set_enabled (widget, "canvas.copy", n_selected > 0);
  gtk_widget_action_set_enabled (widget, "canvas.cut", n_selected > 0);
  gtk_widget_action_set_enabled (widget, "canvas.duplicate", n_selected > 0);
  gtk_widget_action_set_enabled (widget, "canvas.select-all", has_cards);
  gtk_widget_action_set_enabled (widget, "canvas.unselect", n_selected > 0 || self->drag != VA_CANVAS_DRAG_NONE);
  gtk_widget_action_set_enabled (widget, "canvas.tidy", has_cards);
  gtk_widget_action_set_enabled (widget, "canvas.zoom-fit", has_cards);
  gtk_widget_action_set_enabled (widget, "canvas.paste", self->topic != NULL);
  gtk_widget_action_set_enabled (widget, "canvas.insert", self->topic != NULL);
  gtk_widget_action_set_enabled (widget, "canvas.insert-at", self->topic != NULL);
  gtk_widget_action_set_enabled (widget, "canvas.add-node", self->topic != NULL);
  gtk_widget_action_set_enabled (widget, "canvas.disconnect", self->topic != NULL);
  gtk_widget_action_set_enabled (widget, "canvas.context-menu", self->topic != NULL);
  gtk_widget_action_set_enabled (widget, "canvas.activate", self->selected != NULL);
}

void
va_canvas_update_accessible (VaCanvas *self)
{
  VaCanvasCard *card = va_canvas_card_for_node (self, self->selected);
  g_autofree char *description = NULL;

  if (card != NULL)
    description = va_canvas_card_describe (self, card);
  else if (self->topic != NULL)
    description = g_strdup_printf (ngettext ("%u node, none selected", "%u nodes, none selected",
                                             self->cards->len),
                                   self->cards->len);
  else
    description = g_strdup (_("No topic"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

void
va_canvas_selection_changed (VaCanvas *self)
{
  va_canvas_update_actions (self);
  va_canvas_update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
va_canvas_set_primary (VaCanvas     *self,
                       VaCanvasCard *card)
{
  VaNode *node = card != NULL ? card->node : NULL;

  if (g_set_object (&self->selected, node))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_NODE]);
      va_canvas_update_accessible (self);
      va_canvas_update_actions (self);
    }
}

void
va_canvas_clear_selection (VaCanvas *self)
{
  for (guint i = 0; i < self->cards->len; i++)
    ((VaCanvasCard *) g_ptr_array_index (self->cards, i))->selected = FALSE;
  va_canvas_set_primary (self, NULL);
  va_canvas_selection_changed (self);
}

void
va_canvas_select_only (VaCanvas     *self,
                       VaCanvasCard *card)
{
  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *other = g_ptr_array_index (self->cards, i);

      other->selected = other == card;
    }
  va_canvas_set_primary (self, card);
  va_canvas_selection_changed (self);
}

/* "canvas.activate": the selected node, to edit it. */
void
va_canvas_activate (VaCanvas *self)
{
  g_signal_emit (self, signals[SIGNAL_NODE_ACTIVATED], 0, self->selected);
}

/* ---- the view ----------------------------------------------------------------------------- */

void
va_canvas_set_view (VaCanvas *self,
                    double    zoom,
                    double    pan_x,
                    double    pan_y)
{
  g_return_if_fail (VA_IS_CANVAS (self));

  zoom = CLAMP (zoom, VA_CANVAS_MIN_ZOOM, VA_CANVAS_MAX_ZOOM);
  self->pan_x = pan_x;
  self->pan_y = pan_y;
  self->fit_pending = FALSE;
  if (zoom != self->zoom)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
va_canvas_get_view (VaCanvas *self,
                    double   *zoom,
                    double   *pan_x,
                    double   *pan_y)
{
  g_return_if_fail (VA_IS_CANVAS (self));

  if (zoom != NULL)
    *zoom = self->zoom;
  if (pan_x != NULL)
    *pan_x = self->pan_x;
  if (pan_y != NULL)
    *pan_y = self->pan_y;
}

void
va_canvas_zoom_at (VaCanvas *self,
                   double    zoom,
                   double    widget_x,
                   double    widget_y)
{
  double mx = va_canvas_to_model_x (self, widget_x);
  double my = va_canvas_to_model_y (self, widget_y);

  zoom = CLAMP (zoom, VA_CANVAS_MIN_ZOOM, VA_CANVAS_MAX_ZOOM);
  va_canvas_set_view (self, zoom, widget_x - mx * zoom, widget_y - my * zoom);
}

/* ---- GtkWidget ---------------------------------------------------------------------------- */

static void
va_canvas_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  *minimum = 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 480;
}

static void
va_canvas_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  VaCanvas *self = VA_CANVAS (widget);

  if (self->fit_pending && width > 0 && height > 0)
    {
      self->fit_pending = FALSE;
      va_canvas_zoom_fit (self);
    }
  if (self->popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->popover));
  if (self->context_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->context_menu));
}

static void
va_canvas_css_changed (GtkWidget         *widget,
                       GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (va_canvas_parent_class)->css_changed (widget, change);
  va_canvas_invalidate_style (VA_CANVAS (widget));
}

static void
dark_changed_cb (VaCanvas *self)
{
  va_canvas_invalidate_style (self);
}

static void
va_canvas_state_flags_changed (GtkWidget     *widget,
                               GtkStateFlags  previous)
{
  GTK_WIDGET_CLASS (va_canvas_parent_class)->state_flags_changed (widget, previous);
  /* The focus ring follows :focus-visible. */
  gtk_widget_queue_draw (widget);
}

static void
va_canvas_dispose (GObject *object)
{
  VaCanvas *self = VA_CANVAS (object);

  clear_topic (self);
  va_canvas_autoscroll_stop (self);
  if (self->dark_id != 0)
    g_clear_signal_handler (&self->dark_id, adw_style_manager_get_default ());
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  g_clear_object (&self->history);
  g_clear_object (&self->bot);
  g_clear_object (&self->selected);
  g_clear_pointer (&self->chat_pill, gsk_render_node_unref);
  for (guint i = 0; i < VA_N_NODE_KINDS; i++)
    g_clear_object (&self->icons[i]);
  G_OBJECT_CLASS (va_canvas_parent_class)->dispose (object);
}

static void
va_canvas_finalize (GObject *object)
{
  VaCanvas *self = VA_CANVAS (object);

  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->highlighted, g_free);
  G_OBJECT_CLASS (va_canvas_parent_class)->finalize (object);
}

static void
va_canvas_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  VaCanvas *self = VA_CANVAS (object);

  switch (prop_id)
    {
    case PROP_TOPIC:
      g_value_set_object (value, self->topic);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_SELECTED_NODE:
      g_value_set_object (value, self->selected);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_HIGHLIGHTED_NODE:
      g_value_set_string (value, self->highlighted);
      break;
    case PROP_BOT:
      g_value_set_object (value, self->bot);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_canvas_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  VaCanvas *self = VA_CANVAS (object);

  switch (prop_id)
    {
    case PROP_TOPIC:
      va_canvas_set_topic (self, g_value_get_object (value));
      break;
    case PROP_HISTORY:
      va_canvas_set_history (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_NODE:
      va_canvas_select_node (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      va_canvas_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_HIGHLIGHTED_NODE:
      va_canvas_set_highlighted_node (self, g_value_get_string (value));
      break;
    case PROP_BOT:
      va_canvas_set_bot (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_canvas_class_init (VaCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = va_canvas_dispose;
  object_class->finalize = va_canvas_finalize;
  object_class->get_property = va_canvas_get_property;
  object_class->set_property = va_canvas_set_property;

  widget_class->snapshot = va_canvas_snapshot;
  widget_class->measure = va_canvas_measure;
  widget_class->size_allocate = va_canvas_size_allocate;
  widget_class->css_changed = va_canvas_css_changed;
  widget_class->state_flags_changed = va_canvas_state_flags_changed;

  properties[PROP_TOPIC] =
    g_param_spec_object ("topic", NULL, NULL, VA_TYPE_TOPIC,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, VA_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_NODE] =
    g_param_spec_object ("selected-node", NULL, NULL, VA_TYPE_NODE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, VA_CANVAS_MIN_ZOOM, VA_CANVAS_MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIGHLIGHTED_NODE] =
    g_param_spec_string ("highlighted-node", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BOT] =
    g_param_spec_object ("bot", NULL, NULL, VA_TYPE_BOT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_NODE_ACTIVATED] =
    g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, VA_TYPE_NODE);

  va_canvas_class_init_actions (widget_class);
  va_canvas_class_init_menu (widget_class);

  gtk_widget_class_set_css_name (widget_class, "vacanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
va_canvas_init (VaCanvas *self)
{
  self->zoom = 1.0;
  self->cards = g_ptr_array_new_with_free_func ((GDestroyNotify) va_canvas_card_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  va_canvas_init_input (self);
  va_canvas_build_popover (self);
  va_canvas_init_menu (self);

  self->dark_id = g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                                            G_CALLBACK (dark_changed_cb), self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Conversation canvas"),
                                  -1);
  va_canvas_update_accessible (self);
  va_canvas_update_actions (self);
}

/* ---- public API --------------------------------------------------------------------------- */

GtkWidget *
va_canvas_new (void)
{
  return g_object_new (VA_TYPE_CANVAS, NULL);
}

VaTopic *
va_canvas_get_topic (VaCanvas *self)
{
  g_return_val_if_fail (VA_IS_CANVAS (self), NULL);

  return self->topic;
}

/**
 * va_canvas_set_topic:
 * @self: a canvas
 * @topic: (nullable): the topic to show
 *
 * Shows @topic, zoomed to fit once the canvas has a size. The selection is cleared.
 */
void
va_canvas_set_topic (VaCanvas *self,
                     VaTopic  *topic)
{
  GListModel *nodes;
  guint n;

  g_return_if_fail (VA_IS_CANVAS (self));
  g_return_if_fail (topic == NULL || VA_IS_TOPIC (topic));

  if (self->topic == topic)
    return;

  if (self->popover != NULL && gtk_widget_get_visible (self->popover))
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  if (self->context_menu != NULL && gtk_widget_get_visible (self->context_menu))
    gtk_popover_popdown (GTK_POPOVER (self->context_menu));
  clear_topic (self);
  va_canvas_set_primary (self, NULL);

  if (topic != NULL)
    {
      self->topic = g_object_ref (topic);
      nodes = va_topic_get_nodes (topic);
      n = g_list_model_get_n_items (nodes);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VaNode) node = g_list_model_get_item (nodes, i);

          g_ptr_array_add (self->cards, va_canvas_card_new (self, node));
        }
      self->items_changed_id = g_signal_connect (nodes, "items-changed",
                                                 G_CALLBACK (nodes_changed_cb), self);
      self->start_id = g_signal_connect (topic, "notify::start",
                                         G_CALLBACK (start_changed_cb), self);
    }

  self->index_dirty = TRUE;
  self->paste_count = 0;
  self->fit_pending = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  va_canvas_queue_geometry (self);
  va_canvas_selection_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOPIC]);
}

VaHistory *
va_canvas_get_history (VaCanvas *self)
{
  g_return_val_if_fail (VA_IS_CANVAS (self), NULL);

  return self->history;
}

void
va_canvas_set_history (VaCanvas  *self,
                       VaHistory *history)
{
  g_return_if_fail (VA_IS_CANVAS (self));
  g_return_if_fail (history == NULL || VA_IS_HISTORY (history));

  if (g_set_object (&self->history, history))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

/* Edits need a history; a canvas used without one (a preview) keeps its own. */
VaHistory *
va_canvas_ensure_history (VaCanvas *self)
{
  if (self->history == NULL)
    self->history = va_history_new ();
  return self->history;
}

VaBot *
va_canvas_get_bot (VaCanvas *self)
{
  g_return_val_if_fail (VA_IS_CANVAS (self), NULL);

  return self->bot;
}

/**
 * va_canvas_set_bot:
 * @self: a canvas
 * @bot: (nullable): the bot the topic belongs to
 *
 * The bot only names the topics that redirect nodes go to.
 */
void
va_canvas_set_bot (VaCanvas *self,
                   VaBot    *bot)
{
  g_return_if_fail (VA_IS_CANVAS (self));
  g_return_if_fail (bot == NULL || VA_IS_BOT (bot));

  if (!g_set_object (&self->bot, bot))
    return;
  for (guint i = 0; i < self->cards->len; i++)
    va_canvas_card_invalidate (g_ptr_array_index (self->cards, i));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOT]);
}

VaNode *
va_canvas_get_selected_node (VaCanvas *self)
{
  g_return_val_if_fail (VA_IS_CANVAS (self), NULL);

  return self->selected;
}

/**
 * va_canvas_select_node:
 * @self: a canvas
 * @node: (nullable): a node of the topic, or %NULL to clear the selection
 *
 * Selects only @node, focuses it and scrolls it into view.
 */
void
va_canvas_select_node (VaCanvas *self,
                       VaNode   *node)
{
  VaCanvasCard *card;

  g_return_if_fail (VA_IS_CANVAS (self));
  g_return_if_fail (node == NULL || VA_IS_NODE (node));

  card = va_canvas_card_for_node (self, node);
  if (card == NULL)
    {
      va_canvas_clear_selection (self);
      return;
    }
  va_canvas_select_only (self, card);
  va_canvas_ensure_visible (self, card);
}

double
va_canvas_get_zoom (VaCanvas *self)
{
  g_return_val_if_fail (VA_IS_CANVAS (self), 1.0);

  return self->zoom;
}

/**
 * va_canvas_set_zoom:
 * @self: a canvas
 * @zoom: the new zoom, 1 shows cards at their natural size
 *
 * Zooms around the middle of the canvas.
 */
void
va_canvas_set_zoom (VaCanvas *self,
                    double    zoom)
{
  g_return_if_fail (VA_IS_CANVAS (self));

  self->fit_pending = FALSE;
  va_canvas_zoom_at (self, zoom,
                     gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                     gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

const char *
va_canvas_get_highlighted_node (VaCanvas *self)
{
  g_return_val_if_fail (VA_IS_CANVAS (self), NULL);

  return self->highlighted;
}

/**
 * va_canvas_set_highlighted_node:
 * @self: a canvas
 * @node_id: (nullable): the id of the node the test chat is at
 *
 * Rings that node in the accent colour.
 */
void
va_canvas_set_highlighted_node (VaCanvas   *self,
                                const char *node_id)
{
  g_return_if_fail (VA_IS_CANVAS (self));

  if (!va_str_set (&self->highlighted, node_id))
    return;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHTED_NODE]);
}

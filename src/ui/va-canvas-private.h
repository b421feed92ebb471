/* va-canvas-private.h — what the canvas's files share, and accessors for tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "va-canvas.h"

G_BEGIN_DECLS

/* A card at zoom 1, in model units (the units of a node's x/y). A node's x/y is its card's
 * top-left corner. Cards with more than one port (or a labelled one) grow a strip of port
 * labels at the bottom and widen so that each label has room. */
#define VA_CANVAS_CARD_WIDTH    200.0
#define VA_CANVAS_PORT_WIDTH    100.0
#define VA_CANVAS_CARD_HEIGHT    84.0
#define VA_CANVAS_STRIP_HEIGHT   26.0
#define VA_CANVAS_CARD_RADIUS    10.0
#define VA_CANVAS_STUB_LENGTH    14.0
#define VA_CANVAS_PLUS_RADIUS     9.0
/* Below this zoom cards are plain rectangles without text and edges lose their "+". */
#define VA_CANVAS_LOD_ZOOM        0.4
#define VA_CANVAS_MIN_ZOOM        0.02
#define VA_CANVAS_MAX_ZOOM        4.0

typedef struct _VaCanvasCard VaCanvasCard;

/* One outgoing edge slot of a card, with its curve in model units. Without a target the
 * "curve" is a short stub from the port down to its "+" button. */
typedef struct
{
  VaCanvasCard    *card;
  guint            index;
  VaPort          *port;       /* owned by card->ports */
  char            *label;      /* shown in the card's port strip; NULL for a lone "next" */
  VaCanvasCard    *target;
  gboolean         dangling;   /* names a node that does not exist */
  double           sx, sy;     /* the port */
  double           c1x, c1y, c2x, c2y;
  double           tx, ty;     /* the arrow's tip: the top middle of the target */
  double           px, py;     /* the "+" button */
  graphene_rect_t  bounds;
} VaCanvasEdge;

struct _VaCanvasCard
{
  VaCanvas      *canvas;
  VaNode        *node;
  gulong         notify_id;
  GPtrArray     *watches;      /* sub-objects whose changes change the card */
  GPtrArray     *ports;        /* VaPort */
  GArray        *edges;        /* VaCanvasEdge, one per port */
  guint          index;        /* position in the topic's nodes */
  double         x, y, w, h;   /* model rectangle, the drag offset included */
  gboolean       has_strip;
  gboolean       selected;
  gboolean       is_start;     /* as drawn in the cached render node */
  GskRenderNode *render;       /* the card at zoom 1, origin at its top-left */
  guint          serial;       /* bumped each time render is rebuilt */
};

typedef struct
{
  GdkRGBA fg, bg, card, border, strip, dim, accent, accent_fg, edge, port, shadow, error;
  gboolean dark;
} VaCanvasColors;

typedef enum
{
  VA_CANVAS_DRAG_NONE,
  VA_CANVAS_DRAG_PAN,
  VA_CANVAS_DRAG_MOVE,
  VA_CANVAS_DRAG_CONNECT,
  VA_CANVAS_DRAG_RUBBER,
  VA_CANVAS_DRAG_PLUS,
} VaCanvasDrag;

typedef enum
{
  VA_CANVAS_HIT_NONE,
  VA_CANVAS_HIT_CARD,
  VA_CANVAS_HIT_PORT,
  VA_CANVAS_HIT_PLUS,
} VaCanvasHitKind;

typedef struct
{
  VaCanvasHitKind  kind;
  VaCanvasCard    *card;
  guint            port;
} VaCanvasHit;

struct _VaCanvas
{
  GtkWidget        parent_instance;

  VaTopic         *topic;
  VaBot           *bot;
  VaHistory       *history;
  gulong           items_changed_id;
  gulong           start_id;

  GPtrArray       *cards;        /* VaCanvasCard, in the topic's order */
  GHashTable      *by_id;        /* node id → VaCanvasCard */
  gboolean         index_dirty;
  gboolean         geometry_dirty;

  VaNode          *selected;     /* the focused card's node */
  char            *highlighted;

  double           zoom;
  double           pan_x, pan_y; /* widget = model * zoom + pan */
  gboolean         fit_pending;

  VaCanvasColors   colors;
  gboolean         style_valid;
  GdkTexture      *icons[VA_N_NODE_KINDS];
  GskRenderNode   *chat_pill;    /* "Test chat" above the highlighted card, at zoom 1 */
  gulong           dark_id;

  /* pointer interaction */
  VaCanvasDrag     drag;
  gboolean         dragging;     /* moved past the threshold */
  double           drag_x0, drag_y0;
  double           drag_ox, drag_oy;
  double           drag_mx0, drag_my0; /* the press in model units: stays put as the view moves */
  double           pan_x0, pan_y0;
  double           move_dx, move_dy;
  VaCanvasHit      press_hit;
  GdkModifierType  press_state;
  VaCanvasCard    *drop_target;
  double           pointer_x, pointer_y;
  gboolean         pointer_in;
  VaCanvasHit      hover;
  double           zoom0;
  GdkModifierType  test_modifiers;
  GtkGesture      *drag_gesture;
  GtkGesture      *click_gesture;

  /* auto-scroll while a drag is near an edge (va-canvas-autoscroll.c) */
  guint            autoscroll_id;    /* tick callback */
  gint64           autoscroll_time;  /* frame time of the last step, 0 before the first */

  GtkWidget       *popover;
  GtkWidget       *popover_box;

  /* the context menu (va-canvas-menu.c) */
  GtkWidget       *context_menu;
  GtkGesture      *context_gesture;
  VaCanvasCard    *menu_edge_card;   /* the connection the open menu is about, drawn accented */
  guint            menu_edge_port;

  guint            paste_count;
};

static inline double
va_canvas_to_widget_x (VaCanvas *self, double x)
{
  return x * self->zoom + self->pan_x;
}

static inline double
va_canvas_to_widget_y (VaCanvas *self, double y)
{
  return y * self->zoom + self->pan_y;
}

static inline double
va_canvas_to_model_x (VaCanvas *self, double x)
{
  return (x - self->pan_x) / self->zoom;
}

static inline double
va_canvas_to_model_y (VaCanvas *self, double y)
{
  return (y - self->pan_y) / self->zoom;
}

/* va-canvas.c */
void          va_canvas_ensure_index        (VaCanvas     *self);
VaCanvasCard *va_canvas_find_card           (VaCanvas     *self,
                                             const char   *id);
VaCanvasCard *va_canvas_card_for_node       (VaCanvas     *self,
                                             VaNode       *node);
void          va_canvas_queue_geometry      (VaCanvas     *self);
void          va_canvas_update_actions      (VaCanvas     *self);
void          va_canvas_selection_changed   (VaCanvas     *self);
void          va_canvas_set_primary         (VaCanvas     *self,
                                             VaCanvasCard *card);
void          va_canvas_clear_selection     (VaCanvas     *self);
void          va_canvas_select_only         (VaCanvas     *self,
                                             VaCanvasCard *card);
void          va_canvas_ensure_visible      (VaCanvas     *self,
                                             VaCanvasCard *card);
void          va_canvas_zoom_at             (VaCanvas     *self,
                                             double        zoom,
                                             double        widget_x,
                                             double        widget_y);
void          va_canvas_update_accessible   (VaCanvas     *self);
VaHistory    *va_canvas_ensure_history      (VaCanvas     *self);
void          va_canvas_activate            (VaCanvas     *self);

/* va-canvas-actions.c: the class actions and their key bindings */
void          va_canvas_class_init_actions  (GtkWidgetClass *widget_class);

/* va-canvas-cache.c: a card's ports, size and cached render node; colours */
void          va_canvas_card_update_ports   (VaCanvasCard *card);
void          va_canvas_card_invalidate     (VaCanvasCard *card);
void          va_canvas_card_free           (VaCanvasCard *card);
VaCanvasCard *va_canvas_card_new            (VaCanvas     *self,
                                             VaNode       *node);
void          va_canvas_node_size           (VaNode       *node,
                                             double       *width,
                                             double       *height);
void          va_canvas_ensure_style        (VaCanvas     *self);
void          va_canvas_invalidate_style    (VaCanvas     *self);
GskRenderNode *va_canvas_card_get_render    (VaCanvas     *self,
                                             VaCanvasCard *card);
GskRenderNode *va_canvas_get_chat_pill      (VaCanvas     *self);
void          va_canvas_append_rounded_fill (GtkSnapshot  *snapshot,
                                             const GskRoundedRect *shape,
                                             const GdkRGBA *color);

/* va-canvas-preview.c: what a card says about its node */
const char   *va_canvas_kind_icon_name      (VaNodeKind    kind);
void          va_canvas_kind_color          (VaNodeKind    kind,
                                             GdkRGBA      *color);
char         *va_canvas_node_preview        (VaCanvas     *self,
                                             VaNode       *node,
                                             gboolean     *placeholder);
char         *va_canvas_card_describe       (VaCanvas     *self,
                                             VaCanvasCard *card);

/* va-canvas-layout.c: geometry, tidy layout, zoom to fit */
void          va_canvas_update_geometry     (VaCanvas     *self);
gboolean      va_canvas_get_bounds          (VaCanvas     *self,
                                             graphene_rect_t *bounds);
void          va_canvas_zoom_fit            (VaCanvas     *self);
void          va_canvas_tidy                (VaCanvas     *self);
void          va_canvas_edge_point          (const VaCanvasEdge *e,
                                             double        t,
                                             double       *x,
                                             double       *y);

/* va-canvas-draw.c */
void          va_canvas_snapshot            (GtkWidget    *widget,
                                             GtkSnapshot  *snapshot);

/* va-canvas-input.c */
void          va_canvas_init_input          (VaCanvas     *self);
VaCanvasHit   va_canvas_hit_test            (VaCanvas     *self,
                                             double        widget_x,
                                             double        widget_y);
void          va_canvas_cancel_drag         (VaCanvas     *self);
void          va_canvas_move_focus          (VaCanvas     *self,
                                             int           dx,
                                             int           dy);
void          va_canvas_open_insert_popover (VaCanvas     *self,
                                             VaCanvasCard *card,
                                             guint         port);
void          va_canvas_build_popover       (VaCanvas     *self);
void          va_canvas_drag_apply          (VaCanvas     *self);

/* va-canvas-autoscroll.c: panning while a drag is near or past an edge */
gboolean      va_canvas_autoscroll_velocity (VaCanvas     *self,
                                             double       *vx,
                                             double       *vy);
void          va_canvas_autoscroll_update   (VaCanvas     *self);
void          va_canvas_autoscroll_stop     (VaCanvas     *self);

/* va-canvas-menu.c: the context menu and its actions */
void          va_canvas_class_init_menu     (GtkWidgetClass *widget_class);
void          va_canvas_init_menu           (VaCanvas     *self);
void          va_canvas_popup_menu_at       (VaCanvas     *self,
                                             double        widget_x,
                                             double        widget_y);
void          va_canvas_popup_menu          (VaCanvas     *self);
VaCanvasCard *va_canvas_hit_test_edge       (VaCanvas     *self,
                                             double        widget_x,
                                             double        widget_y,
                                             guint        *port);

/* va-canvas-edit.c and va-canvas-clipboard.c: every document change, each one undo step */
void          va_canvas_commit_move         (VaCanvas     *self,
                                             double        dx,
                                             double        dy);
gboolean      va_canvas_connect             (VaCanvas     *self,
                                             VaCanvasCard *source,
                                             guint         port,
                                             VaCanvasCard *target);
VaNode       *va_canvas_insert              (VaCanvas     *self,
                                             VaCanvasCard *source,
                                             int           port,
                                             VaNodeKind    kind);
VaNode       *va_canvas_add_at              (VaCanvas     *self,
                                             VaNodeKind    kind,
                                             double        x,
                                             double        y);
gboolean      va_canvas_disconnect          (VaCanvas     *self,
                                             VaCanvasCard *source,
                                             guint         port);
void          va_canvas_delete_selection    (VaCanvas     *self);
char         *va_canvas_serialize_selection (VaCanvas     *self);
gboolean      va_canvas_paste_text          (VaCanvas     *self,
                                             const char   *text);
void          va_canvas_copy                (VaCanvas     *self);
void          va_canvas_paste               (VaCanvas     *self);
gboolean      va_canvas_duplicate           (VaCanvas     *self);

/* For tests and the benchmark: points in widget coordinates, and the view. */
gboolean      va_canvas_get_node_point      (VaCanvas     *self,
                                             const char   *node_id,
                                             double       *x,
                                             double       *y);
gboolean      va_canvas_get_port_point      (VaCanvas     *self,
                                             const char   *node_id,
                                             guint         port,
                                             double       *x,
                                             double       *y);
gboolean      va_canvas_get_plus_point      (VaCanvas     *self,
                                             const char   *node_id,
                                             guint         port,
                                             double       *x,
                                             double       *y);
GtkWidget    *va_canvas_get_insert_popover  (VaCanvas     *self);
GtkGesture   *va_canvas_get_drag_gesture    (VaCanvas     *self);
GtkGesture   *va_canvas_get_click_gesture   (VaCanvas     *self);
GtkGesture   *va_canvas_get_context_gesture (VaCanvas     *self);
GtkWidget    *va_canvas_get_context_menu    (VaCanvas     *self);
void          va_canvas_set_test_modifiers  (VaCanvas     *self,
                                             GdkModifierType modifiers);
gboolean      va_canvas_is_node_selected    (VaCanvas     *self,
                                             VaNode       *node);
guint         va_canvas_get_n_selected      (VaCanvas     *self);
guint         va_canvas_get_card_serial     (VaCanvas     *self,
                                             const char   *node_id);
void          va_canvas_get_view            (VaCanvas     *self,
                                             double       *zoom,
                                             double       *pan_x,
                                             double       *pan_y);
void          va_canvas_set_view            (VaCanvas     *self,
                                             double        zoom,
                                             double        pan_x,
                                             double        pan_y);

G_END_DECLS

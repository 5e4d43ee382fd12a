// Qt object trees: a QObject created with a parent is deleted by that parent, so
// `new QShortcut(key, this, SLOT(..))` with the result dropped, or a local pointer reassigned
// after `new QShortcut(key, this)`, is not a leak. v2 reports it only when the Qt headers are
// system headers (-isystem, as in every CMake build with Qt); with -I it is silent. Needs the
// Qt 5 development headers (qtbase5-dev):
//   leaklint qt-parent-owns-child.cpp -- -std=c++17 -fPIC \
//     $(pkg-config --cflags-only-I Qt5Widgets | sed 's/-I/-isystem /g')
// Real code: keepassxc src/gui/group/GroupView.cpp:46, :52, :61, MainWindow.cpp:114, :334-:369.
// v2: "memory allocated by 'new' is leaked: the result is discarded" (and the overwrite and
// end-of-scope warnings for `shortcut`).
#include <QShortcut>
#include <QTreeView>
class View : public QTreeView {
  Q_OBJECT
public:
  explicit View(QWidget *parent = nullptr);
private slots:
  void contextMenuShortcutPressed();
  void sortGroups(bool);
};
View::View(QWidget *parent) : QTreeView(parent) {
  new QShortcut(Qt::CTRL + Qt::Key_F10, this, SLOT(contextMenuShortcutPressed()), nullptr, Qt::WidgetShortcut);
  auto shortcut = new QShortcut(Qt::CTRL + Qt::Key_Down, this);
  connect(shortcut, &QShortcut::activated, this, [this]() { sortGroups(false); });
  shortcut = new QShortcut(Qt::CTRL + Qt::Key_Up, this);
  connect(shortcut, &QShortcut::activated, this, [this]() { sortGroups(true); });
}

// An object whose base-class constructor, defined in another file, registers 'this' with its
// owner (a socket manager): 'new Sock(this)' hands the object to the module, which deletes it.
// The derived constructor's body is visible and stores nothing, so the engine does not apply
// its "constructor gets a pointer" hand-off rule. Real code: ZNC modules (CSocket(CModule*)
// calls m_pModule->AddSocket(this)), e.g. modules/imapauth.cpp.
// Baseline: "memory allocated by 'new' is leaked when 'pSock' goes out of scope".
class Module;
class Socket {
public:
  explicit Socket(Module *owner); // in another file: owner->AddSocket(this)
  virtual ~Socket();
  bool Connect(const char *host, unsigned short port);
};
class ImapSock : public Socket {
public:
  ImapSock(Module *owner, int auth) : Socket(owner), auth_(auth) {}
private:
  int auth_;
};
class ImapAuth {
  Module *self_;
public:
  int OnLoginAttempt(int auth) {
    ImapSock *sock = new ImapSock(self_, auth);
    sock->Connect("imap.example.org", 143);
    return 1;
  }
};

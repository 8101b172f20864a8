BEGIN TRANSACTION;
CREATE TABLE _sqlite_migrations (migration_set TEXT NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (migration_set, name));
INSERT INTO "_sqlite_migrations" VALUES('walletwatch','m001_initial','2024-03-11T08:00:00+00:00');
CREATE TABLE alerts (
    finding_id TEXT PRIMARY KEY,
    check_code TEXT NOT NULL,
    category TEXT NOT NULL,
    severity TEXT NOT NULL,
    state TEXT NOT NULL,
    first_alerted_at TEXT NOT NULL,
    last_alerted_at TEXT NOT NULL,
    finding TEXT NOT NULL
);
INSERT INTO "alerts" VALUES('duplicate-charge-ea04239126d7','duplicate-charge','duplicate','medium','open','2024-03-11T08:00:00+00:00','2024-03-11T08:00:00+00:00','{"amount_at_stake": {"CNY": "88.80"}, "category": "duplicate", "check": "duplicate-charge", "details": {"charges": 2, "minutes": 1.0}, "id": "duplicate-charge-ea04239126d7", "reason": {"en": "盒马鲜生 charged 88.80 CNY 2 times within 1 min (2024-03-05 19:30 to 19:30), all successful and none refunded.", "zh": "盒马鲜生 在 1 分钟内（2024-03-05 19:30 至 19:30）扣款 88.80 CNY 共 2 次，均成功且未退款。"}, "severity": "medium", "title": {"en": "Charged twice", "zh": "重复扣款"}, "transactions": [{"amount": "88.80", "counterparty": "盒马鲜生", "currency": "CNY", "direction": "out", "kind": "payment", "merchant_order_id": "", "method": "余额", "raw_status": "交易成功", "source_file": "alipay_mar.csv", "source_format": "alipay-app", "source_line": 38, "status": "success", "time": "2024-03-05T19:30:01+08:00", "txn_id": "20240305200040011100010087654321"}, {"amount": "88.80", "counterparty": "盒马鲜生", "currency": "CNY", "direction": "out", "kind": "payment", "merchant_order_id": "", "method": "余额", "raw_status": "交易成功", "source_file": "alipay_mar.csv", "source_format": "alipay-app", "source_line": 37, "status": "success", "time": "2024-03-05T19:30:59+08:00", "txn_id": "20240305200040011100590087654321"}]}');
INSERT INTO "alerts" VALUES('stuck-topup-8cbb0374d3e3','stuck-topup','stuck','medium','open','2024-03-11T08:00:00+00:00','2024-03-11T08:00:00+00:00','{"amount_at_stake": {"CNY": "500.00"}, "category": "stuck", "check": "stuck-topup", "details": {"age_hours": 62.0, "as_of": "2024-03-10T15:59:59+00:00", "deadline_hours": 24.0}, "id": "stuck-topup-8cbb0374d3e3", "reason": {"en": "The top-up of 500.00 CNY started 2024-03-08 10:00 is still pending (处理中) at 2024-03-10 23:59: 2.6 days, longer than the 24.0 hours deadline; no matching credit found.", "zh": "2024-03-08 10:00 发起的充值 500.00 CNY 截至 2024-03-10 23:59 仍在处理中（“处理中”），已 2.6 天，超过 24.0 小时 的时限；未找到对应到账记录。"}, "severity": "medium", "title": {"en": "Top-up still pending", "zh": "充值长时间未到账"}, "transactions": [{"amount": "500.00", "counterparty": "支付宝", "currency": "CNY", "direction": "neutral", "kind": "topup", "merchant_order_id": "", "method": "招商银行储蓄卡(8705)", "raw_status": "处理中", "source_file": "alipay_mar.csv", "source_format": "alipay-app", "source_line": 32, "status": "pending", "time": "2024-03-08T10:00:00+08:00", "txn_id": "20240308200040011100660012345678"}]}');
CREATE TABLE files (
    sha256 TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    format TEXT NOT NULL,
    provider TEXT NOT NULL,
    rows_ok INTEGER NOT NULL,
    rows_new INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    run_id INTEGER REFERENCES runs(id)
);
INSERT INTO "files" VALUES('bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7','alipay_mar.csv','alipay-app','alipay',51,51,'2024-03-11T08:00:00+00:00',1);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO "meta" VALUES('as_of','2024-03-10T15:59:59+00:00');
INSERT INTO "meta" VALUES('zone','Asia/Shanghai');
CREATE TABLE model (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    detector BLOB NOT NULL,
    sklearn_version TEXT NOT NULL,
    model_version TEXT NOT NULL,
    fitted_rows INTEGER NOT NULL,
    fitted_at TEXT NOT NULL
);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    as_of TEXT,
    files INTEGER NOT NULL DEFAULT 0,
    new_rows INTEGER NOT NULL DEFAULT 0,
    duplicate_rows INTEGER NOT NULL DEFAULT 0,
    new_findings INTEGER NOT NULL DEFAULT 0,
    allowlist TEXT
);
INSERT INTO "runs" VALUES(1,'2024-03-11T08:00:00+00:00','2024-03-10T15:59:59+00:00',1,51,0,2,'[]');
CREATE TABLE transactions (
    id INTEGER PRIMARY KEY,
    provider TEXT NOT NULL,
    txn_id TEXT NOT NULL,
    time_ns INTEGER NOT NULL,
    amount INTEGER NOT NULL,
    direction TEXT NOT NULL,
    status TEXT NOT NULL,
    occurrence INTEGER NOT NULL,
    merchant_order_id TEXT, tz TEXT, currency TEXT, kind TEXT, raw_status TEXT,
    counterparty TEXT, counterparty_account TEXT, description TEXT, method TEXT,
    category TEXT, fee INTEGER, refund_of TEXT,
    source_file TEXT, source_line INTEGER, source_format TEXT,
    file_sha256 TEXT,
    superseded_by INTEGER
);
INSERT INTO "transactions" VALUES(1,'alipay','202402162000400111000000738932',1708041911000000000,1800,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','瑞幸咖啡','','商品','余额','日用百货',NULL,'','alipay_mar.csv',76,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(2,'alipay','202402162000400111000200738932',1708078751000000000,2140,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','滴滴出行','','商品','余额','日用百货',NULL,'','alipay_mar.csv',75,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(3,'alipay','202402172000400111000100738933',1708143131000000000,3250,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','美团外卖','','商品','余额','日用百货',NULL,'','alipay_mar.csv',74,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(4,'alipay','202402172000400111000300738933',1708172771000000000,990,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','全家便利店','','商品','余额','日用百货',NULL,'','alipay_mar.csv',73,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(5,'alipay','202402182000400111000000738934',1708214711000000000,1800,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','瑞幸咖啡','','商品','余额','日用百货',NULL,'','alipay_mar.csv',72,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(6,'alipay','202402182000400111000200738934',1708251551000000000,2140,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','滴滴出行','','商品','余额','日用百货',NULL,'','alipay_mar.csv',71,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(7,'alipay','202402192000400111000100738935',1708315931000000000,3250,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','美团外卖','','商品','余额','日用百货',NULL,'','alipay_mar.csv',70,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(8,'alipay','202402192000400111000300738935',1708345571000000000,990,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','全家便利店','','商品','余额','日用百货',NULL,'','alipay_mar.csv',69,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(9,'alipay','202402202000400111000000738936',1708387511000000000,1800,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','瑞幸咖啡','','商品','余额','日用百货',NULL,'','alipay_mar.csv',68,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(10,'alipay','202402202000400111000200738936',1708424351000000000,2140,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','滴滴出行','','商品','余额','日用百货',NULL,'','alipay_mar.csv',67,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(11,'alipay','202402212000400111000100738937',1708488731000000000,3250,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','美团外卖','','商品','余额','日用百货',NULL,'','alipay_mar.csv',66,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(12,'alipay','202402212000400111000300738937',1708518371000000000,990,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','全家便利店','','商品','余额','日用百货',NULL,'','alipay_mar.csv',65,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(13,'alipay','202402222000400111000000738938',1708560311000000000,1800,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','瑞幸咖啡','','商品','余额','日用百货',NULL,'','alipay_mar.csv',64,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(14,'alipay','202402222000400111000200738938',1708597151000000000,2140,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','滴滴出行','','商品','余额','日用百货',NULL,'','alipay_mar.csv',63,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(15,'alipay','202402232000400111000100738939',1708661531000000000,3250,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','美团外卖','','商品','余额','日用百货',NULL,'','alipay_mar.csv',62,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(16,'alipay','202402232000400111000300738939',1708691171000000000,990,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','全家便利店','','商品','余额','日用百货',NULL,'','alipay_mar.csv',61,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(17,'alipay','202402242000400111000000738940',1708733111000000000,1800,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','瑞幸咖啡','','商品','余额','日用百货',NULL,'','alipay_mar.csv',60,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(18,'alipay','202402242000400111000200738940',1708769951000000000,2140,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','滴滴出行','','商品','余额','日用百货',NULL,'','alipay_mar.csv',59,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(19,'alipay','202402252000400111000100738941',1708834331000000000,3250,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','美团外卖','','商品','余额','日用百货',NULL,'','alipay_mar.csv',58,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(20,'alipay','202402252000400111000300738941',1708863971000000000,990,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','全家便利店','','商品','余额','日用百货',NULL,'','alipay_mar.csv',57,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(21,'alipay','202402262000400111000000738942',1708905911000000000,1800,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','瑞幸咖啡','','商品','余额','日用百货',NULL,'','alipay_mar.csv',56,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(22,'alipay','202402262000400111000200738942',1708942751000000000,2140,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','滴滴出行','','商品','余额','日用百货',NULL,'','alipay_mar.csv',55,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(23,'alipay','202402272000400111000100738943',1709007131000000000,3250,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','美团外卖','','商品','余额','日用百货',NULL,'','alipay_mar.csv',54,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(24,'alipay','202402272000400111000300738943',1709036771000000000,990,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','全家便利店','','商品','余额','日用百货',NULL,'','alipay_mar.csv',53,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(25,'alipay','202402282000400111000000738944',1709078711000000000,1800,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','瑞幸咖啡','','商品','余额','日用百货',NULL,'','alipay_mar.csv',52,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(26,'alipay','202402282000400111000200738944',1709115551000000000,2140,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','滴滴出行','','商品','余额','日用百货',NULL,'','alipay_mar.csv',51,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(27,'alipay','202402292000400111000100738945',1709179931000000000,3250,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','美团外卖','','商品','余额','日用百货',NULL,'','alipay_mar.csv',50,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(28,'alipay','202402292000400111000300738945',1709209571000000000,990,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','全家便利店','','商品','余额','日用百货',NULL,'','alipay_mar.csv',49,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(29,'alipay','202403012000400111000000738946',1709251511000000000,1800,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','瑞幸咖啡','','商品','余额','日用百货',NULL,'','alipay_mar.csv',48,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(30,'alipay','202403012000400111000200738946',1709288351000000000,2140,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','滴滴出行','','商品','余额','日用百货',NULL,'','alipay_mar.csv',47,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(31,'alipay','202403022000400111000100738947',1709352731000000000,3250,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','美团外卖','','商品','余额','日用百货',NULL,'','alipay_mar.csv',46,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(32,'alipay','202403022000400111000300738947',1709382371000000000,990,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','全家便利店','','商品','余额','日用百货',NULL,'','alipay_mar.csv',45,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(33,'alipay','202403032000400111000000738948',1709424311000000000,1800,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','瑞幸咖啡','','商品','余额','日用百货',NULL,'','alipay_mar.csv',44,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(34,'alipay','202403032000400111000200738948',1709461151000000000,2140,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','滴滴出行','','商品','余额','日用百货',NULL,'','alipay_mar.csv',43,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(35,'alipay','202403042000400111000100738949',1709525531000000000,3250,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','美团外卖','','商品','余额','日用百货',NULL,'','alipay_mar.csv',42,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(36,'alipay','202403042000400111000300738949',1709555171000000000,990,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','全家便利店','','商品','余额','日用百货',NULL,'','alipay_mar.csv',41,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(37,'alipay','202403052000400111000000738950',1709597111000000000,1800,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','瑞幸咖啡','','商品','余额','日用百货',NULL,'','alipay_mar.csv',40,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(38,'alipay','202403052000400111000200738950',1709633951000000000,2140,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','滴滴出行','','商品','余额','日用百货',NULL,'','alipay_mar.csv',39,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(39,'alipay','20240305200040011100010087654321',1709638201000000000,8880,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','盒马鲜生','','商品','余额','日用百货',NULL,'','alipay_mar.csv',38,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(40,'alipay','20240305200040011100590087654321',1709638259000000000,8880,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','盒马鲜生','','商品','余额','日用百货',NULL,'','alipay_mar.csv',37,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(41,'alipay','202403062000400111000100738951',1709698331000000000,3250,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','美团外卖','','商品','余额','日用百货',NULL,'','alipay_mar.csv',36,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(42,'alipay','202403062000400111000300738951',1709727971000000000,990,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','全家便利店','','商品','余额','日用百货',NULL,'','alipay_mar.csv',35,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(43,'alipay','202403072000400111000000738952',1709769911000000000,1800,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','瑞幸咖啡','','商品','余额','日用百货',NULL,'','alipay_mar.csv',34,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(44,'alipay','202403072000400111000200738952',1709806751000000000,2140,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','滴滴出行','','商品','余额','日用百货',NULL,'','alipay_mar.csv',33,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(45,'alipay','20240308200040011100660012345678',1709863200000000000,50000,'neutral','pending',0,'','Asia/Shanghai','CNY','topup','处理中','支付宝','','充值-普通充值','招商银行储蓄卡(8705)','充值缴费',NULL,'','alipay_mar.csv',32,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(46,'alipay','202403082000400111000100738953',1709871131000000000,3250,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','美团外卖','','商品','余额','日用百货',NULL,'','alipay_mar.csv',31,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(47,'alipay','202403082000400111000300738953',1709900771000000000,990,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','全家便利店','','商品','余额','日用百货',NULL,'','alipay_mar.csv',30,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(48,'alipay','202403092000400111000000738954',1709942711000000000,1800,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','瑞幸咖啡','','商品','余额','日用百货',NULL,'','alipay_mar.csv',29,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(49,'alipay','202403092000400111000200738954',1709979551000000000,2140,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','滴滴出行','','商品','余额','日用百货',NULL,'','alipay_mar.csv',28,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(50,'alipay','202403102000400111000100738955',1710043931000000000,3250,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','美团外卖','','商品','余额','日用百货',NULL,'','alipay_mar.csv',27,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
INSERT INTO "transactions" VALUES(51,'alipay','202403102000400111000300738955',1710073571000000000,990,'out','success',0,'','Asia/Shanghai','CNY','payment','交易成功','全家便利店','','商品','余额','日用百货',NULL,'','alipay_mar.csv',26,'alipay-app','bec0d726b620da41b3090079c821a4c66aacb2349dc0a67c92e3bcf9ed713fc7',NULL);
CREATE UNIQUE INDEX transactions_key
    ON transactions (provider, txn_id, time_ns, amount, direction, status, occurrence);
CREATE INDEX transactions_time ON transactions (time_ns);
COMMIT;

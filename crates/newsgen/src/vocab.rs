//! Indonesian vocabulary and sentence templates, written for this project.
//!
//! Placeholders (filled in `compose.rs`): `{reg}` "Kota Semarang", `{prov}` "Jawa Tengah",
//! `{pemda}` "Pemerintah Kota Semarang", `{pemda_s}` "Pemkot Semarang", `{kepala}` "Wali Kota
//! Semarang", `{kepala_nama}`, `{dprd}`, `{kec}` "Kecamatan Tugu", `{kecb}` "Tugu", `{pejabat}`
//! (an official's name), `{warga}` (a resident's name), `{dinas}` / `{dinas_s}` (the agency),
//! `{topik}`, `{detail}` (the story's concrete object), `{n}`, `{n2}`, `{pct}`, `{rp}`,
//! `{harga}`, `{hari}`.

/// One government PR topic with its own wording per tone.
pub struct Topic {
    pub key: &'static str,
    pub section: &'static str,
    pub topik: &'static str,
    pub dinas: &'static str,
    pub dinas_s: &'static str,
    /// The concrete object of a story ("ruas jalan ...").
    pub details: &'static [&'static str],
    pub titles_pos: &'static [&'static str],
    pub titles_neu: &'static [&'static str],
    pub titles_neg: &'static [&'static str],
    pub neutral: &'static [&'static str],
    pub positive: &'static [&'static str],
    pub negative: &'static [&'static str],
    pub quotes_pos: &'static [&'static str],
    pub quotes_neg: &'static [&'static str],
}

pub const TOPICS: &[Topic] = &[
    Topic {
        key: "jalan",
        section: "daerah",
        topik: "perbaikan jalan",
        dinas: "Dinas Pekerjaan Umum dan Penataan Ruang",
        dinas_s: "Dinas PUPR",
        details: &["ruas jalan {kecb}", "jalan penghubung di {kec}", "jembatan {kecb}"],
        titles_pos: &[
            "Perbaikan {detail} Rampung Lebih Cepat, Warga {reg} Apresiasi",
            "{pemda_s} Resmikan Pengaspalan {detail}",
        ],
        titles_neu: &[
            "{dinas_s} {reg} Mulai Perbaiki {detail}",
            "Anggaran Perbaikan Jalan di {reg} Capai {rp}",
        ],
        titles_neg: &[
            "Warga {reg} Keluhkan {detail} yang Rusak Parah",
            "Proyek {detail} Mangkrak, Warga Kecewa",
        ],
        neutral: &[
            "Perbaikan {detail} ditargetkan selesai dalam {n} hari kerja dengan anggaran sekitar {rp}.",
            "Menurut data {dinas_s}, terdapat {n2} meter ruas jalan kabupaten dan kota yang perlu ditangani tahun ini.",
            "Pekerjaan dilakukan secara bertahap agar arus lalu lintas di {kec} tetap dapat berjalan.",
            "Kontraktor pelaksana dipilih melalui lelang terbuka pada awal tahun anggaran.",
            "Pengendara diimbau mengurangi kecepatan saat melintasi lokasi pekerjaan karena ada penyempitan lajur.",
            "Dinas juga memasang rambu sementara di sejumlah titik yang sedang diperbaiki.",
        ],
        positive: &[
            "Warga menyambut baik perbaikan {detail} karena waktu tempuh ke pasar kini jauh lebih singkat.",
            "Jalan yang sebelumnya berlubang kini mulus dan aman dilalui kendaraan roda dua maupun roda empat.",
            "Pengerjaan yang rampung lebih cepat dari jadwal mendapat apresiasi dari tokoh masyarakat setempat.",
            "Para pedagang mengaku omzet mereka naik sejak akses jalan kembali lancar.",
        ],
        negative: &[
            "Warga mengeluhkan {detail} yang rusak parah dan berlubang di banyak titik sejak berbulan-bulan lalu.",
            "Sejumlah pengendara sepeda motor dilaporkan terjatuh karena lubang yang tergenang air saat hujan.",
            "Proyek perbaikan dinilai lamban dan material bangunan dibiarkan menumpuk di bahu jalan.",
            "Warga menduga kualitas aspal buruk karena jalan kembali rusak hanya beberapa bulan setelah diperbaiki.",
        ],
        quotes_pos: &[
            "Kami berterima kasih, sekarang anak-anak tidak perlu lagi berjalan di jalan berlumpur menuju sekolah",
            "Kami pastikan pekerjaan ini sesuai spesifikasi dan bisa dinikmati masyarakat dalam waktu lama",
        ],
        quotes_neg: &[
            "Sudah berkali-kali kami lapor, tetapi sampai sekarang belum ada perbaikan yang berarti",
            "Setiap hujan jalan ini seperti kubangan, kami kecewa dengan janji yang tidak ditepati",
        ],
    },
    Topic {
        key: "banjir",
        section: "daerah",
        topik: "penanganan banjir",
        dinas: "Badan Penanggulangan Bencana Daerah",
        dinas_s: "BPBD",
        details: &["banjir di {kec}", "luapan sungai di {kec}", "genangan di {kecb}"],
        titles_pos: &[
            "Normalisasi Sungai Rampung, {detail} Tak Terulang",
            "BPBD {reg} Sigap Evakuasi Warga Terdampak {detail}",
        ],
        titles_neu: &[
            "{detail} Rendam Ratusan Rumah, BPBD Dirikan Posko",
            "{pemda_s} Tetapkan Status Siaga Banjir",
        ],
        titles_neg: &[
            "{detail} Kembali Terjadi, Warga {reg} Nilai Pemerintah Lamban",
            "Korban {detail} Keluhkan Bantuan yang Tak Kunjung Datang",
        ],
        neutral: &[
            "Banjir merendam sedikitnya {n2} rumah di {kec} setelah hujan deras mengguyur sejak dini hari.",
            "Ketinggian air di permukiman warga bervariasi antara 40 sentimeter hingga satu meter.",
            "BPBD mendirikan posko pengungsian di balai desa dan menyiapkan dapur umum bagi warga terdampak.",
            "Petugas gabungan dari TNI, Polri, dan relawan membantu mengevakuasi warga lanjut usia dan anak-anak.",
            "Badan Meteorologi, Klimatologi, dan Geofisika memperkirakan curah hujan tinggi masih berlangsung sepekan ke depan.",
            "Data sementara mencatat {n} warga mengungsi ke tempat yang lebih aman.",
        ],
        positive: &[
            "Berkat normalisasi sungai yang dikerjakan tahun lalu, air surut dalam hitungan jam.",
            "Warga mengapresiasi petugas yang sigap mengevakuasi korban dan menyalurkan bantuan logistik.",
            "Sistem peringatan dini yang baru dipasang berhasil memberi waktu bagi warga untuk menyelamatkan barang berharga.",
            "Posko kesehatan melayani pengungsi dengan baik sehingga tidak ada laporan penyakit menular.",
        ],
        negative: &[
            "Warga mengeluhkan lambannya penanganan karena bantuan baru tiba dua hari setelah banjir.",
            "Drainase yang tersumbat sampah dan tidak pernah dikeruk disebut menjadi penyebab utama banjir.",
            "Pengungsi mengaku kekurangan air bersih, selimut, dan makanan bayi di lokasi pengungsian.",
            "Banjir serupa sudah terjadi berulang kali, namun janji pembangunan tanggul belum juga terwujud.",
        ],
        quotes_pos: &[
            "Alhamdulillah petugas datang cepat, keluarga kami bisa dievakuasi sebelum air semakin tinggi",
            "Kami siagakan personel dan perahu karet selama 24 jam di titik-titik rawan",
        ],
        quotes_neg: &[
            "Setiap tahun kami kebanjiran, tetapi pemerintah seperti tidak belajar dari pengalaman",
            "Sampai hari ini belum ada petugas yang datang memberikan bantuan ke RT kami",
        ],
    },
    Topic {
        key: "beras",
        section: "ekonomi",
        topik: "stabilisasi harga beras",
        dinas: "Dinas Perindustrian dan Perdagangan",
        dinas_s: "Disperindag",
        details: &["harga beras di Pasar {kecb}", "operasi pasar di {kec}", "stok beras di gudang {kecb}"],
        titles_pos: &[
            "Operasi Pasar Berhasil, Harga Beras di {reg} Mulai Turun",
            "{pemda_s} Jamin Stok Beras Aman Hingga Akhir Tahun",
        ],
        titles_neu: &[
            "Disperindag {reg} Pantau {detail}",
            "Inflasi di {prov} Dipengaruhi Harga Beras dan Cabai",
        ],
        titles_neg: &[
            "Harga Beras Melonjak, Warga {reg} Menjerit",
            "Pedagang Keluhkan {detail} yang Terus Naik",
        ],
        neutral: &[
            "Harga beras medium di pasar tradisional tercatat {harga} per kilogram, naik dibandingkan pekan lalu.",
            "Tim pengendalian inflasi daerah menggelar rapat koordinasi untuk memantau pasokan bahan pokok.",
            "Badan Pusat Statistik mencatat inflasi tahunan di {prov} sebesar {pct}.",
            "Pemerintah daerah bekerja sama dengan Bulog untuk menyalurkan beras program stabilisasi pasokan dan harga pangan.",
            "Petugas memeriksa stok di sejumlah distributor untuk memastikan tidak ada penimbunan.",
            "Selain beras, harga cabai rawit dan bawang merah juga ikut dipantau setiap hari.",
        ],
        positive: &[
            "Operasi pasar murah disambut antusias warga yang rela antre sejak pagi.",
            "Harga beras mulai turun setelah pasokan dari daerah sentra produksi kembali lancar.",
            "Gerakan pangan murah dinilai berhasil menekan inflasi di tingkat daerah.",
            "Pedagang mengaku lega karena pasokan dari Bulog datang tepat waktu.",
        ],
        negative: &[
            "Ibu rumah tangga mengeluhkan harga beras yang terus naik sehingga pengeluaran dapur membengkak.",
            "Pedagang kecil mengaku merugi karena daya beli masyarakat menurun tajam.",
            "Operasi pasar dinilai tidak tepat sasaran karena beras murah justru diborong pengecer.",
            "Warga kecewa karena kuota beras murah habis dalam waktu kurang dari satu jam.",
        ],
        quotes_pos: &[
            "Dengan operasi pasar ini kami bisa membeli beras lebih murah dan kualitasnya bagus",
            "Stok beras di gudang kami cukup untuk kebutuhan tiga bulan ke depan",
        ],
        quotes_neg: &[
            "Gaji tidak naik tetapi harga beras naik terus, kami harus mengurangi belanja lain",
            "Kami antre dari subuh, ternyata beras murahnya sudah habis",
        ],
    },
    Topic {
        key: "bpjs",
        section: "kesehatan",
        topik: "layanan kesehatan BPJS",
        dinas: "Dinas Kesehatan",
        dinas_s: "Dinkes",
        details: &["layanan RSUD {kecb}", "puskesmas {kecb}", "antrean pasien BPJS di RSUD"],
        titles_pos: &[
            "Antrean Online {detail} Permudah Pasien BPJS",
            "{pemda_s} Capai Cakupan Kesehatan Semesta",
        ],
        titles_neu: &[
            "Dinkes {reg} Evaluasi {detail}",
            "Ribuan Warga {reg} Didaftarkan Jadi Peserta BPJS Kesehatan",
        ],
        titles_neg: &[
            "Pasien BPJS di {reg} Keluhkan Antrean Panjang",
            "Warga Ditolak {detail}, DPRD Minta Penjelasan",
        ],
        neutral: &[
            "Tercatat {n2} warga kurang mampu didaftarkan sebagai peserta penerima bantuan iuran tahun ini.",
            "Rumah sakit umum daerah melayani rata-rata {n2} pasien rawat jalan setiap hari.",
            "Dinas Kesehatan bersama BPJS Kesehatan melakukan evaluasi layanan secara berkala.",
            "Peserta yang status kepesertaannya tidak aktif diminta segera melapor ke kantor kelurahan.",
            "Pemerintah daerah menganggarkan {rp} untuk membayar iuran peserta penerima bantuan.",
            "Layanan pengaduan dibuka melalui nomor WhatsApp resmi dan loket di setiap rumah sakit.",
        ],
        positive: &[
            "Sistem antrean daring membuat pasien tidak perlu lagi datang sejak subuh.",
            "Warga mengapresiasi pelayanan puskesmas yang kini buka hingga malam hari.",
            "Capaian kepesertaan yang tinggi membuat warga bisa berobat hanya dengan menunjukkan KTP.",
            "Pasien mengaku puas karena petugas ramah dan obat tersedia lengkap.",
        ],
        negative: &[
            "Pasien peserta BPJS mengeluhkan antrean panjang dan harus menunggu hingga lima jam.",
            "Seorang warga mengaku ditolak rumah sakit dengan alasan kamar perawatan penuh.",
            "Keluarga pasien kecewa karena diminta membeli obat sendiri di luar rumah sakit.",
            "Keluhan soal petugas yang kurang ramah ramai dibagikan di media sosial.",
        ],
        quotes_pos: &[
            "Sekarang berobat cukup bawa KTP, tidak ribet lagi seperti dulu",
            "Kami terus memperbaiki layanan agar tidak ada lagi warga yang ditolak",
        ],
        quotes_neg: &[
            "Ibu saya sakit parah tetapi disuruh menunggu berjam-jam tanpa kepastian",
            "Kami sudah bayar iuran tiap bulan, tetapi pelayanannya mengecewakan",
        ],
    },
    Topic {
        key: "ppdb",
        section: "pendidikan",
        topik: "penerimaan peserta didik baru",
        dinas: "Dinas Pendidikan",
        dinas_s: "Disdik",
        details: &["PPDB sistem zonasi", "pendaftaran PPDB SMP di {kec}", "kuota sekolah negeri {kecb}"],
        titles_pos: &[
            "PPDB di {reg} Berjalan Lancar, Server Tak Lagi Down",
            "{pemda_s} Tambah Ruang Kelas Baru untuk {detail}",
        ],
        titles_neu: &[
            "Disdik {reg} Umumkan Jadwal {detail}",
            "Ini Syarat dan Kuota PPDB di {reg}",
        ],
        titles_neg: &[
            "Orang Tua Keluhkan {detail} di {reg}",
            "Dugaan Jual Beli Kursi Warnai PPDB di {reg}",
        ],
        neutral: &[
            "Pendaftaran dibuka selama {n} hari melalui laman resmi dinas pendidikan.",
            "Kuota jalur zonasi ditetapkan minimal 50 persen dari daya tampung sekolah.",
            "Calon peserta didik wajib mengunggah kartu keluarga dan akta kelahiran.",
            "Dinas menyiapkan posko bantuan di setiap sekolah bagi orang tua yang kesulitan mendaftar secara daring.",
            "Tahun ini tersedia {n2} kursi untuk jenjang SMP negeri di seluruh wilayah.",
            "Pengumuman hasil seleksi akan disampaikan melalui laman yang sama.",
        ],
        positive: &[
            "Orang tua mengapresiasi proses pendaftaran yang kini bisa dilakukan dari rumah tanpa antre.",
            "Server pendaftaran berjalan stabil sehingga tidak ada keluhan berarti dari masyarakat.",
            "Penambahan ruang kelas baru membuat lebih banyak anak dapat bersekolah di dekat rumah.",
            "Proses seleksi dinilai transparan karena peringkat pendaftar dapat dipantau secara langsung.",
        ],
        negative: &[
            "Orang tua murid mengeluhkan sistem zonasi yang dinilai tidak adil bagi warga di perbatasan.",
            "Laman pendaftaran sempat tidak bisa diakses pada hari pertama sehingga banyak orang tua panik.",
            "Muncul dugaan pungli dan jual beli kursi yang dilaporkan ke ombudsman.",
            "Sejumlah pendaftar diduga memakai alamat palsu agar masuk sekolah favorit.",
        ],
        quotes_pos: &[
            "Daftar dari rumah, cepat dan tidak perlu izin kerja",
            "Kami ingin semua anak mendapat sekolah yang layak dan dekat dengan tempat tinggalnya",
        ],
        quotes_neg: &[
            "Rumah kami dekat sekolah tetapi anak saya tidak diterima, ini tidak masuk akal",
            "Ada yang minta uang supaya anak bisa masuk, ini harus diusut",
        ],
    },
    Topic {
        key: "stunting",
        section: "kesehatan",
        topik: "percepatan penurunan stunting",
        dinas: "Dinas Pengendalian Penduduk dan Keluarga Berencana",
        dinas_s: "DP2KB",
        details: &["angka stunting di {kec}", "posyandu {kecb}", "program makanan tambahan di {kec}"],
        titles_pos: &[
            "Angka Stunting di {reg} Turun Signifikan",
            "{kepala} Apresiasi Kader Posyandu Tekan Stunting",
        ],
        titles_neu: &[
            "{pemda_s} Gelar Rembuk Stunting Tingkat Kabupaten",
            "Tim Percepatan Penurunan Stunting Data Ulang Balita di {kec}",
        ],
        titles_neg: &[
            "Angka Stunting di {reg} Masih Tinggi, Program Dinilai Tak Efektif",
            "Dana Makanan Tambahan Balita di {kec} Diduga Diselewengkan",
        ],
        neutral: &[
            "Hasil survei status gizi mencatat prevalensi stunting di daerah ini sebesar {pct}.",
            "Tim percepatan penurunan stunting melibatkan kader posyandu, bidan desa, dan penyuluh keluarga berencana.",
            "Balita yang berisiko stunting mendapatkan makanan tambahan berbahan pangan lokal selama {n} hari.",
            "Pengukuran tinggi dan berat badan balita dilakukan serentak di {n} posyandu.",
            "Pemerintah menargetkan angka stunting turun menjadi 14 persen pada akhir periode.",
            "Calon pengantin juga diwajibkan memeriksakan kesehatan tiga bulan sebelum menikah.",
        ],
        positive: &[
            "Angka stunting turun cukup signifikan berkat kerja keras kader di tingkat desa.",
            "Program bapak asuh anak stunting mendapat dukungan luas dari pengusaha lokal.",
            "Ibu-ibu antusias mengikuti kelas memasak menu bergizi seimbang di posyandu.",
            "Capaian ini membuat daerah tersebut meraih penghargaan tingkat provinsi.",
        ],
        negative: &[
            "Kader posyandu mengeluhkan insentif yang belum dibayar selama beberapa bulan.",
            "Makanan tambahan yang dibagikan dinilai tidak layak dan sebagian sudah kedaluwarsa.",
            "Program penurunan stunting dinilai hanya seremonial tanpa pendampingan yang berkelanjutan.",
            "Data balita stunting antarinstansi tidak sinkron sehingga bantuan salah sasaran.",
        ],
        quotes_pos: &[
            "Anak saya sekarang berat badannya naik, terima kasih kepada bu bidan dan kader",
            "Penurunan ini hasil gotong royong semua pihak, bukan kerja satu dinas saja",
        ],
        quotes_neg: &[
            "Biskuit yang dibagikan sudah lewat tanggalnya, kami jadi takut memberikan ke anak",
            "Kami kader sudah bekerja, tetapi honor tidak dibayar berbulan-bulan",
        ],
    },
    Topic {
        key: "wisata",
        section: "wisata",
        topik: "pengembangan pariwisata",
        dinas: "Dinas Pariwisata dan Kebudayaan",
        dinas_s: "Disparbud",
        details: &["objek wisata di {kec}", "desa wisata {kecb}", "festival budaya {kecb}"],
        titles_pos: &[
            "Kunjungan Wisatawan ke {detail} Melonjak",
            "{detail} Raih Penghargaan Anugerah Desa Wisata",
        ],
        titles_neu: &[
            "Disparbud {reg} Siapkan Kalender Event Tahun Depan",
            "{pemda_s} Kembangkan {detail}",
        ],
        titles_neg: &[
            "Wisatawan Keluhkan Pungli di {detail}",
            "Fasilitas {detail} Terbengkalai, Pengunjung Kecewa",
        ],
        neutral: &[
            "Dinas mencatat jumlah kunjungan wisatawan mencapai {n2} orang selama libur panjang.",
            "Pengelola menyiapkan lahan parkir tambahan dan petugas kebersihan selama musim liburan.",
            "Festival budaya tahunan akan menampilkan tari tradisional, kuliner khas, dan pameran kerajinan.",
            "Harga tiket masuk ditetapkan melalui peraturan daerah tentang retribusi.",
            "Promosi wisata dilakukan melalui media sosial dengan melibatkan pemuda setempat.",
            "Pemerintah daerah juga menyiapkan pelatihan pemandu wisata bagi warga desa.",
        ],
        positive: &[
            "Kunjungan wisatawan melonjak dan menggerakkan ekonomi warga di sekitar lokasi wisata.",
            "Penginapan milik warga hampir selalu penuh sejak desa wisata ini viral.",
            "Wisatawan memuji kebersihan dan keramahan pengelola.",
            "Festival ini berhasil menarik pengunjung dari luar provinsi.",
        ],
        negative: &[
            "Wisatawan mengeluhkan pungutan liar oleh oknum yang mengatasnamakan pengelola parkir.",
            "Fasilitas toilet dan gazebo dibiarkan rusak dan tidak terawat.",
            "Sampah berserakan di kawasan pantai sehingga pengunjung merasa tidak nyaman.",
            "Akses jalan menuju lokasi wisata yang rusak membuat wisatawan enggan datang kembali.",
        ],
        quotes_pos: &[
            "Tempatnya bersih, pemandangannya indah, kami pasti datang lagi bersama keluarga",
            "Pariwisata harus memberi manfaat langsung bagi warga desa",
        ],
        quotes_neg: &[
            "Sudah bayar tiket masih dimintai uang parkir dua kali, ini pungli",
            "Toiletnya rusak dan kotor, sangat mengecewakan untuk tempat wisata sebesar ini",
        ],
    },
    Topic {
        key: "umkm",
        section: "ekonomi",
        topik: "pemberdayaan UMKM",
        dinas: "Dinas Koperasi dan Usaha Mikro",
        dinas_s: "Dinas Koperasi dan UKM",
        details: &["pelaku UMKM di {kec}", "bazar UMKM {kecb}", "kredit usaha rakyat di {kec}"],
        titles_pos: &[
            "Produk {detail} Tembus Pasar Ekspor",
            "{pemda_s} Fasilitasi Sertifikasi Halal Gratis untuk UMKM",
        ],
        titles_neu: &[
            "Dinas Koperasi {reg} Data Ulang {detail}",
            "{pemda_s} Gelar {detail}",
        ],
        titles_neg: &[
            "{detail} Keluhkan Sulitnya Akses Permodalan",
            "Bantuan Modal UMKM di {reg} Diduga Salah Sasaran",
        ],
        neutral: &[
            "Jumlah pelaku usaha mikro yang terdata di daerah ini mencapai {n2} unit.",
            "Pelatihan pemasaran digital diikuti {n} pelaku usaha dari berbagai kecamatan.",
            "Pemerintah daerah memfasilitasi pengurusan nomor induk berusaha dan sertifikat halal.",
            "Produk unggulan daerah dipamerkan dalam bazar yang berlangsung selama tiga hari.",
            "Bank penyalur kredit usaha rakyat membuka layanan konsultasi di lokasi bazar.",
            "Dinas juga mendorong pelaku usaha bergabung dalam koperasi agar lebih mudah mendapat modal.",
        ],
        positive: &[
            "Omzet pelaku usaha naik berkali lipat setelah produk mereka masuk ke lokapasar daring.",
            "Pelatihan ini membantu perajin memperbaiki kemasan sehingga produknya lebih menarik.",
            "Sertifikasi halal gratis disambut positif oleh ratusan pelaku usaha kuliner.",
            "Produk kerajinan lokal berhasil menembus pasar ekspor ke negara tetangga.",
        ],
        negative: &[
            "Pelaku usaha mengeluhkan persyaratan kredit yang berbelit dan memakan waktu lama.",
            "Bantuan modal diduga diberikan kepada kerabat pejabat, bukan pelaku usaha yang membutuhkan.",
            "Pedagang kecil merasa kalah bersaing dengan produk impor murah di toko daring.",
            "Lapak bazar sepi pengunjung karena promosi dinilai kurang.",
        ],
        quotes_pos: &[
            "Dulu saya jualan keliling, sekarang pesanan datang dari luar pulau lewat internet",
            "UMKM adalah tulang punggung ekonomi daerah, kami akan terus mendampingi",
        ],
        quotes_neg: &[
            "Syaratnya banyak sekali, usaha kecil seperti kami sulit memenuhinya",
            "Yang dapat bantuan justru orang yang tidak punya usaha",
        ],
    },
    Topic {
        key: "pilkada",
        section: "politik",
        topik: "netralitas ASN dalam pilkada",
        dinas: "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        dinas_s: "BKPSDM",
        details: &["netralitas ASN", "pengawasan pilkada di {kec}", "kampanye di {kec}"],
        titles_pos: &[
            "ASN {reg} Teken Pakta Integritas Netralitas Pilkada",
            "Bawaslu Apresiasi {pemda_s} Jaga {detail}",
        ],
        titles_neu: &[
            "Bawaslu {reg} Perketat {detail}",
            "KPU {reg} Tetapkan Daftar Pemilih Tetap",
        ],
        titles_neg: &[
            "Oknum ASN {reg} Diduga Ikut Kampanye",
            "Bawaslu Temukan Pelanggaran {detail} di {reg}",
        ],
        neutral: &[
            "Badan Pengawas Pemilu menyiapkan {n} pengawas di setiap kecamatan untuk memantau tahapan pilkada.",
            "Komisi Pemilihan Umum menetapkan {n2} pemilih dalam daftar pemilih tetap.",
            "Aparatur sipil negara dilarang mengunggah atau menyukai konten kampanye di media sosial.",
            "Pelanggaran netralitas akan dilaporkan kepada Badan Kepegawaian Negara untuk diberi sanksi.",
            "Sosialisasi aturan netralitas digelar di aula kantor bupati dan diikuti kepala perangkat daerah.",
            "Masa kampanye berlangsung selama {n} hari sebelum masa tenang.",
        ],
        positive: &[
            "Seluruh aparatur sipil negara menandatangani pakta integritas untuk menjaga netralitas.",
            "Tahapan pilkada sejauh ini berjalan aman, tertib, dan kondusif.",
            "Partisipasi pemilih pemula meningkat berkat sosialisasi di sekolah dan kampus.",
            "Bawaslu menilai koordinasi dengan pemerintah daerah berjalan baik.",
        ],
        negative: &[
            "Seorang oknum ASN kedapatan menghadiri kampanye salah satu pasangan calon.",
            "Beredar video camat yang diduga mengarahkan kepala desa mendukung calon tertentu.",
            "Bawaslu menerima {n} laporan dugaan politik uang menjelang hari pemungutan suara.",
            "Masyarakat mempertanyakan ketegasan pemerintah daerah dalam menindak pelanggaran netralitas.",
        ],
        quotes_pos: &[
            "ASN harus netral, melayani semua warga tanpa memandang pilihan politik",
            "Kami ingin pilkada ini menjadi contoh pesta demokrasi yang damai",
        ],
        quotes_neg: &[
            "Kalau ASN sudah berpihak, bagaimana pelayanan kepada warga yang berbeda pilihan",
            "Kami punya bukti foto dan video, tetapi laporan kami tidak ditindaklanjuti",
        ],
    },
    Topic {
        key: "sampah",
        section: "lingkungan",
        topik: "pengelolaan sampah",
        dinas: "Dinas Lingkungan Hidup",
        dinas_s: "DLH",
        details: &["TPA {kecb}", "tumpukan sampah di Pasar {kecb}", "bank sampah di {kec}"],
        titles_pos: &[
            "{detail} Sulap Sampah Jadi Rupiah",
            "{pemda_s} Operasikan Mesin Pengolah Sampah Baru",
        ],
        titles_neu: &[
            "DLH {reg} Kaji Perluasan {detail}",
            "Volume Sampah di {reg} Capai Ratusan Ton per Hari",
        ],
        titles_neg: &[
            "{detail} Kelebihan Muatan, Warga Keluhkan Bau Menyengat",
            "Sampah Menggunung di {reg}, Warga Protes",
        ],
        neutral: &[
            "Volume sampah yang masuk ke tempat pemrosesan akhir mencapai {n2} ton per hari.",
            "Dinas Lingkungan Hidup mengoperasikan {n} truk pengangkut sampah dengan dua sif.",
            "Pemerintah daerah sedang mengkaji teknologi pengolahan sampah menjadi energi.",
            "Warga diminta memilah sampah organik dan anorganik sejak dari rumah.",
            "Retribusi sampah ditarik melalui rekening air dan pajak bumi dan bangunan.",
            "Kajian lokasi tempat pemrosesan akhir yang baru ditargetkan selesai tahun depan.",
        ],
        positive: &[
            "Bank sampah warga berhasil mengurangi volume sampah yang dibuang ke tempat pemrosesan akhir.",
            "Warga antusias menukar sampah plastik dengan sembako dan saldo tabungan.",
            "Lingkungan permukiman kini lebih bersih setelah jadwal pengangkutan diperbaiki.",
            "Program ini meraih penghargaan Adipura kategori kota sedang.",
        ],
        negative: &[
            "Warga sekitar tempat pemrosesan akhir mengeluhkan bau menyengat dan lalat yang mengganggu.",
            "Tumpukan sampah di pinggir jalan dibiarkan berhari-hari tanpa diangkut petugas.",
            "Air lindi dari tempat pembuangan mencemari sumur warga di sekitarnya.",
            "Warga memblokade akses truk sampah sebagai bentuk protes.",
        ],
        quotes_pos: &[
            "Sampah yang dulu dibuang sekarang jadi tabungan untuk biaya sekolah anak",
            "Kami ingin pengelolaan sampah dimulai dari rumah tangga",
        ],
        quotes_neg: &[
            "Baunya sampai ke rumah, anak-anak kami sering sakit perut dan sesak napas",
            "Sudah seminggu sampah tidak diangkut, pemerintah ke mana",
        ],
    },
    Topic {
        key: "pdam",
        section: "daerah",
        topik: "layanan air bersih PDAM",
        dinas: "Perusahaan Umum Daerah Air Minum",
        dinas_s: "Perumda Air Minum",
        details: &["distribusi air PDAM di {kec}", "sambungan air bersih di {kecb}", "krisis air bersih di {kec}"],
        titles_pos: &[
            "Ribuan Rumah di {reg} Nikmati Sambungan Air Bersih Gratis",
            "PDAM Perbaiki Pipa, {detail} Kembali Normal",
        ],
        titles_neu: &[
            "PDAM {reg} Umumkan Jadwal Gangguan {detail}",
            "{pemda_s} Bangun Instalasi Pengolahan Air Baru",
        ],
        titles_neg: &[
            "Air PDAM Mati Berhari-hari, Warga {reg} Kesulitan",
            "Warga Keluhkan {detail} dan Tagihan yang Membengkak",
        ],
        neutral: &[
            "Perusahaan daerah air minum melayani sekitar {n2} sambungan rumah tangga.",
            "Gangguan distribusi terjadi karena perbaikan pipa transmisi berdiameter besar.",
            "Mobil tangki air bersih dikerahkan ke permukiman yang terdampak gangguan.",
            "Kapasitas instalasi pengolahan air akan ditambah sebesar {n} liter per detik.",
            "Pelanggan dapat melaporkan gangguan melalui layanan pengaduan 24 jam.",
            "Program sambungan rumah bagi masyarakat berpenghasilan rendah dibiayai hibah pemerintah pusat.",
        ],
        positive: &[
            "Warga bersyukur kini air bersih mengalir lancar selama 24 jam.",
            "Program sambungan gratis membuat warga tidak perlu lagi membeli air jeriken.",
            "Perbaikan pipa rampung lebih cepat sehingga distribusi kembali normal.",
            "Kualitas air dinilai membaik dan tidak lagi keruh.",
        ],
        negative: &[
            "Warga mengeluhkan air yang mati berhari-hari tanpa pemberitahuan.",
            "Air yang keluar dari keran berwarna kecokelatan dan berbau.",
            "Tagihan bulanan justru naik meskipun air sering tidak mengalir.",
            "Warga terpaksa membeli air dari pedagang keliling dengan harga mahal.",
        ],
        quotes_pos: &[
            "Dulu kami angkat air dari sungai, sekarang tinggal buka keran",
            "Kami targetkan seluruh rumah tangga terlayani air bersih",
        ],
        quotes_neg: &[
            "Air mati tapi tagihan jalan terus, ini tidak adil",
            "Kami harus beli air untuk mandi dan masak, pengeluaran jadi berat",
        ],
    },
    Topic {
        key: "karhutla",
        section: "lingkungan",
        topik: "penanganan kebakaran hutan dan lahan",
        dinas: "Badan Penanggulangan Bencana Daerah",
        dinas_s: "BPBD",
        details: &["kebakaran lahan di {kec}", "titik panas di {kec}", "kabut asap di {kecb}"],
        titles_pos: &[
            "Satgas Berhasil Padamkan {detail}",
            "Titik Panas di {reg} Turun Drastis",
        ],
        titles_neu: &[
            "BPBD {reg} Pantau {detail}",
            "{pemda_s} Tetapkan Status Siaga Darurat Karhutla",
        ],
        titles_neg: &[
            "{detail} Meluas, Warga {reg} Terpapar Kabut Asap",
            "Kabut Asap Ganggu Aktivitas Sekolah di {reg}",
        ],
        neutral: &[
            "Satelit memantau {n} titik panas di wilayah tersebut dalam sepekan terakhir.",
            "Luas lahan yang terbakar diperkirakan mencapai {n2} hektare.",
            "Satuan tugas gabungan melibatkan Manggala Agni, TNI, Polri, dan masyarakat peduli api.",
            "Helikopter pengebom air dikerahkan untuk memadamkan api di lahan gambut.",
            "Pemerintah daerah melarang pembukaan lahan dengan cara membakar.",
            "Pemadaman di lahan gambut sulit karena api menjalar di bawah permukaan tanah.",
        ],
        positive: &[
            "Api berhasil dipadamkan sebelum merambat ke permukiman warga.",
            "Patroli terpadu membuat jumlah titik panas turun drastis dibanding tahun lalu.",
            "Masyarakat peduli api mendapat apresiasi atas kesigapan mereka.",
            "Kualitas udara kembali membaik dan sekolah dibuka seperti biasa.",
        ],
        negative: &[
            "Kabut asap tebal membuat warga mengalami sesak napas dan infeksi saluran pernapasan.",
            "Sekolah terpaksa diliburkan karena indeks kualitas udara berada pada level berbahaya.",
            "Warga menilai penegakan hukum terhadap pembakar lahan masih lemah.",
            "Petugas kewalahan karena sumber air di sekitar lokasi kebakaran mengering.",
        ],
        quotes_pos: &[
            "Kami bergerak cepat begitu ada laporan titik api dari warga",
            "Kerja sama semua pihak membuat tahun ini jauh lebih baik",
        ],
        quotes_neg: &[
            "Anak saya batuk terus, asapnya masuk sampai ke dalam rumah",
            "Setiap tahun terulang, pelakunya tidak pernah dihukum berat",
        ],
    },
    Topic {
        key: "transportasi",
        section: "daerah",
        topik: "layanan transportasi umum",
        dinas: "Dinas Perhubungan",
        dinas_s: "Dishub",
        details: &["bus rapid transit", "terminal {kecb}", "angkutan umum di {kec}"],
        titles_pos: &[
            "Penumpang {detail} di {reg} Terus Meningkat",
            "{pemda_s} Luncurkan Rute Baru {detail}",
        ],
        titles_neu: &[
            "Dishub {reg} Uji Coba Rekayasa Lalu Lintas",
            "Tarif {detail} di {reg} Disesuaikan",
        ],
        titles_neg: &[
            "Penumpang Keluhkan {detail} yang Sering Terlambat",
            "{detail} Kumuh dan Rawan Pungli, Warga Resah",
        ],
        neutral: &[
            "Dinas Perhubungan mengoperasikan {n} armada bus dengan jadwal setiap 15 menit.",
            "Rekayasa lalu lintas diuji coba selama dua pekan di persimpangan padat.",
            "Tarif angkutan umum disesuaikan setelah kenaikan harga bahan bakar.",
            "Petugas gabungan menertibkan parkir liar di bahu jalan.",
            "Jumlah penumpang harian tercatat sekitar {n2} orang.",
            "Pembayaran tiket kini bisa menggunakan kartu elektronik dan kode QR.",
        ],
        positive: &[
            "Penumpang mengapresiasi armada baru yang bersih, nyaman, dan ber-AC.",
            "Rute baru memudahkan pelajar dan pekerja menuju pusat kota.",
            "Kemacetan di persimpangan berkurang setelah rekayasa lalu lintas diterapkan.",
            "Jumlah penumpang meningkat sejak jadwal keberangkatan dibuat lebih teratur.",
        ],
        negative: &[
            "Penumpang mengeluhkan bus yang sering terlambat dan penuh sesak pada jam sibuk.",
            "Terminal dinilai kumuh, gelap, dan rawan tindak kejahatan.",
            "Sopir angkutan kota memprotes rute baru yang dianggap mematikan trayek lama.",
            "Ada laporan pungli oleh oknum petugas di pintu keluar terminal.",
        ],
        quotes_pos: &[
            "Sekarang ke kantor cukup naik bus, lebih hemat dan tidak capek menyetir",
            "Transportasi umum yang baik adalah kunci mengurai kemacetan",
        ],
        quotes_neg: &[
            "Sudah satu jam menunggu, busnya tidak datang-datang",
            "Kami sopir angkot makin sepi penumpang sejak rute baru dibuka",
        ],
    },
    Topic {
        key: "bansos",
        section: "nasional",
        topik: "penyaluran bantuan sosial",
        dinas: "Dinas Sosial",
        dinas_s: "Dinsos",
        details: &["penyaluran bansos di {kec}", "bantuan pangan beras di {kecb}", "data penerima bansos"],
        titles_pos: &[
            "{detail} Tepat Sasaran, Warga Terbantu",
            "{pemda_s} Percepat {detail}",
        ],
        titles_neu: &[
            "Dinsos {reg} Verifikasi Ulang {detail}",
            "Jadwal {detail} Diumumkan",
        ],
        titles_neg: &[
            "Warga Mampu Terima Bansos, Warga Miskin Terlewat",
            "Dugaan Pemotongan {detail} Dilaporkan ke Polisi",
        ],
        neutral: &[
            "Bantuan disalurkan kepada {n2} keluarga penerima manfaat melalui kantor pos dan bank himpunan negara.",
            "Dinas Sosial memverifikasi ulang data terpadu kesejahteraan sosial setiap tiga bulan.",
            "Warga yang merasa berhak dapat mengajukan sanggahan melalui aplikasi Cek Bansos.",
            "Setiap keluarga menerima 10 kilogram beras per bulan selama program berlangsung.",
            "Penyaluran diawasi oleh pendamping program keluarga harapan di setiap desa.",
            "Pemerintah desa diminta memperbarui data warga yang pindah atau meninggal dunia.",
        ],
        positive: &[
            "Warga penerima manfaat mengaku sangat terbantu menjelang tahun ajaran baru.",
            "Penyaluran berlangsung tertib dan tanpa antrean panjang berkat jadwal per dusun.",
            "Pemutakhiran data membuat bantuan lebih tepat sasaran dibanding tahun sebelumnya.",
            "Pendamping sosial dipuji karena sigap membantu lansia yang sulit datang ke lokasi.",
        ],
        negative: &[
            "Warga miskin mengaku tidak pernah menerima bantuan meskipun sudah berkali-kali mendaftar.",
            "Ada dugaan pemotongan bantuan oleh oknum perangkat desa dengan dalih uang administrasi.",
            "Warga yang tergolong mampu justru tercatat sebagai penerima.",
            "Antrean panjang di kantor pos membuat seorang lansia jatuh pingsan.",
        ],
        quotes_pos: &[
            "Bantuan ini sangat berarti untuk kebutuhan dapur kami",
            "Kami pastikan tidak ada potongan sepeser pun, laporkan jika ada",
        ],
        quotes_neg: &[
            "Bantuannya dipotong lima puluh ribu, katanya untuk uang lelah",
            "Tetangga saya punya mobil dapat bansos, saya yang janda malah tidak",
        ],
    },
    Topic {
        key: "vaksinasi",
        section: "kesehatan",
        topik: "imunisasi dan vaksinasi",
        dinas: "Dinas Kesehatan",
        dinas_s: "Dinkes",
        details: &["imunisasi polio di {kec}", "vaksinasi campak di {kecb}", "pekan imunisasi nasional"],
        titles_pos: &[
            "Cakupan {detail} Lampaui Target",
            "Antusias, Ribuan Balita Ikuti {detail}",
        ],
        titles_neu: &[
            "Dinkes {reg} Gelar {detail}",
            "Sasaran {detail} Capai Puluhan Ribu Anak",
        ],
        titles_neg: &[
            "Cakupan {detail} Rendah, Hoaks Vaksin Jadi Penyebab",
            "Orang Tua Tolak {detail}, Dinkes Kewalahan",
        ],
        neutral: &[
            "Sasaran imunisasi adalah {n2} anak usia nol hingga tujuh tahun.",
            "Vaksin diberikan di posyandu, puskesmas, sekolah, dan pendidikan anak usia dini.",
            "Dinas Kesehatan menyiapkan {n} tim vaksinator yang bergerak dari desa ke desa.",
            "Orang tua diminta membawa buku kesehatan ibu dan anak saat datang ke pos imunisasi.",
            "Imunisasi tambahan ini digelar setelah ditemukan kasus di daerah tetangga.",
            "Kejadian ikutan pasca-imunisasi dipantau oleh petugas puskesmas.",
        ],
        positive: &[
            "Cakupan imunisasi melampaui target berkat dukungan tokoh agama dan kader posyandu.",
            "Orang tua antusias membawa anak mereka ke pos imunisasi sejak pagi.",
            "Sekolah-sekolah mendukung penuh pelaksanaan vaksinasi di lingkungan mereka.",
            "Tidak ada laporan kejadian ikutan serius selama pelaksanaan.",
        ],
        negative: &[
            "Cakupan imunisasi masih rendah karena banyak orang tua termakan hoaks soal vaksin.",
            "Sejumlah orang tua menolak anaknya divaksin dengan alasan keyakinan.",
            "Stok vaksin di beberapa puskesmas dilaporkan habis sebelum jadwal berakhir.",
            "Petugas kewalahan menghadapi informasi keliru yang beredar di grup percakapan warga.",
        ],
        quotes_pos: &[
            "Vaksin ini aman dan halal, jangan ragu membawa anak ke posyandu",
            "Terima kasih kepada para kader yang mendatangi rumah warga satu per satu",
        ],
        quotes_neg: &[
            "Di grup WhatsApp katanya vaksin berbahaya, jadi saya takut",
            "Kami datang jauh-jauh ke puskesmas, ternyata vaksinnya habis",
        ],
    },
];

/// The growing negative issue of the demo: a tidal flood and a broken sea wall in Semarang.
pub const SPIKE: Topic = Topic {
    key: "rob-semarang",
    section: "daerah",
    topik: "banjir rob dan tanggul jebol",
    dinas: "Badan Penanggulangan Bencana Daerah",
    dinas_s: "BPBD",
    details: &["banjir rob", "tanggul laut di {kec}", "rob di {kecb}"],
    titles_pos: &["Tanggul Darurat Rampung, Rob di {reg} Mulai Surut"],
    titles_neu: &[
        "BPBD {reg} Pantau Ketinggian Rob di Pesisir Utara",
        "Pompa Air Dikerahkan Atasi {detail} di {reg}",
    ],
    titles_neg: &[
        "Tanggul Jebol, Banjir Rob Rendam Ribuan Rumah di {reg}",
        "Banjir Rob Meluas, Warga {reg} Kecewa Penanganan Lamban",
        "Rob Makin Parah, Warga Pesisir {reg} Terpaksa Mengungsi",
        "Tanggul Laut Jebol Lagi, Warga {reg} Pertanyakan Kualitas Proyek",
    ],
    neutral: &[
        "Banjir rob terjadi saat air laut pasang bersamaan dengan penurunan muka tanah di kawasan pesisir.",
        "BPBD mengerahkan {n} pompa air untuk menyedot genangan di permukiman dan jalan utama.",
        "Ketinggian rob di sejumlah titik mencapai 60 sentimeter pada puncak pasang.",
        "Badan Meteorologi, Klimatologi, dan Geofisika memperkirakan pasang maksimum masih terjadi hingga akhir pekan.",
        "Tanggul laut sepanjang {n2} meter itu dibangun untuk menahan air pasang masuk ke permukiman.",
        "Pemerintah kota bersama balai besar wilayah sungai menyiapkan tanggul darurat dari karung pasir.",
    ],
    positive: &[
        "Tanggul darurat selesai dibangun dalam dua hari sehingga genangan mulai surut.",
        "Relawan dan petugas bergotong royong membantu warga memindahkan barang ke tempat yang lebih tinggi.",
    ],
    negative: &[
        "Tanggul laut jebol sepanjang puluhan meter sehingga air laut merendam ribuan rumah di kawasan pesisir.",
        "Warga mengeluhkan penanganan yang lamban karena pompa baru datang setelah air masuk ke rumah.",
        "Aktivitas pelabuhan dan kawasan industri terganggu karena akses jalan tergenang rob.",
        "Warga menilai proyek tanggul yang menelan anggaran miliaran rupiah itu tidak berkualitas.",
        "Pengungsi kekurangan air bersih, makanan, dan obat-obatan di posko darurat.",
        "Jalur pantai utara lumpuh dan kendaraan terjebak kemacetan hingga belasan kilometer.",
        "Ratusan warga terpaksa mengungsi setelah rumah mereka terendam air asin selama tiga hari.",
        "Sejumlah sekolah di kawasan pesisir meliburkan siswa karena ruang kelas tergenang.",
    ],
    quotes_pos: &["Kami kerahkan semua pompa yang ada dan petugas siaga di lokasi siang dan malam"],
    quotes_neg: &[
        "Tanggulnya baru dibangun, kok sudah jebol, ini harus diusut",
        "Rumah kami terendam air laut, barang-barang rusak dan belum ada bantuan",
        "Sudah bertahun-tahun rob, tetapi penanganannya hanya tambal sulam",
    ],
};

/// Sentences any story can use (`{topik}` names the topic).
pub const GENERIC_NEUTRAL: &[&str] = &[
    "Hal itu disampaikan dalam rapat koordinasi yang digelar di kantor {pemda} pada {hari}.",
    "Kegiatan tersebut dihadiri unsur forum koordinasi pimpinan daerah, camat, dan lurah di {reg}.",
    "{dinas_s} mencatat ada {n} laporan masyarakat yang masuk dalam sepekan terakhir.",
    "Pemerintah daerah berjanji akan menyampaikan perkembangan {topik} secara berkala kepada publik.",
    "Anggaran untuk {topik} tahun ini mencapai {rp} yang bersumber dari APBD dan dana transfer pusat.",
    "Masyarakat dapat menyampaikan aduan melalui kanal LAPOR! dan akun media sosial resmi pemerintah daerah.",
    "Komisi terkait di {dprd} berencana memanggil kepala dinas untuk meminta penjelasan.",
    "Rapat evaluasi lanjutan dijadwalkan digelar bulan depan dengan melibatkan pemerintah provinsi {prov}.",
    "Pemerintah Provinsi {prov} juga memantau perkembangan di wilayah tersebut.",
    "Data yang dihimpun menunjukkan persoalan serupa terjadi di {n} kecamatan lain.",
    "Pihak kecamatan sudah menyampaikan laporan tertulis kepada bupati dan wali kota.",
    "Tim dari {dinas_s} turun langsung ke lapangan untuk meninjau kondisi di {kec}.",
    "Hingga berita ini diturunkan, pihak terkait masih melakukan pendataan.",
    "Persoalan {topik} juga menjadi perhatian dalam musyawarah perencanaan pembangunan tingkat kecamatan.",
];

pub const GENERIC_POSITIVE: &[&str] = &[
    "Langkah cepat pemerintah daerah ini mendapat apresiasi dari berbagai kalangan.",
    "Program {topik} dinilai berhasil dan layak dicontoh daerah lain di {prov}.",
    "{kepala} meresmikan program tersebut dan berharap manfaatnya terus dirasakan masyarakat.",
    "Warga mengaku puas dan berterima kasih atas perhatian pemerintah.",
    "Keberhasilan ini tidak lepas dari kolaborasi antara pemerintah, swasta, dan masyarakat.",
    "Anggota {dprd} mengapresiasi kinerja {dinas_s} yang dinilai responsif terhadap keluhan warga.",
    "Capaian ini melampaui target yang ditetapkan dalam rencana pembangunan jangka menengah daerah.",
    "Tokoh masyarakat setempat menyebut program ini sebagai bukti kehadiran negara di tengah warga.",
    "Pemerintah daerah berkomitmen melanjutkan program ini pada tahun anggaran berikutnya.",
    "Inovasi tersebut bahkan meraih penghargaan dari kementerian.",
];

pub const GENERIC_NEGATIVE: &[&str] = &[
    "Warga menilai pemerintah daerah lamban dan kurang serius menangani persoalan {topik}.",
    "Keluhan warga ramai dibagikan di media sosial dan mendapat ribuan tanggapan.",
    "Anggota {dprd} mengkritik {dinas_s} yang dianggap tidak responsif terhadap laporan masyarakat.",
    "Warga mengaku kecewa karena janji yang disampaikan saat kunjungan pejabat tidak kunjung ditepati.",
    "Lembaga swadaya masyarakat setempat mendesak aparat penegak hukum mengusut dugaan penyimpangan anggaran.",
    "Sejumlah warga menggelar aksi protes di depan kantor {pemda}.",
    "Ombudsman perwakilan {prov} menyatakan akan menindaklanjuti laporan dugaan maladministrasi.",
    "Persoalan ini dinilai mencerminkan lemahnya pengawasan di tingkat daerah.",
    "Beredar pula kabar hoaks yang memperkeruh suasana dan membuat warga semakin resah.",
    "Warga berharap {kepala} turun langsung melihat kondisi di lapangan.",
];

/// Attribution verbs for quotes.
pub const SAID: &[&str] = &["kata", "ujar", "ungkap", "jelas", "tutur", "tegas"];

/// Who says the quote.
pub const ROLE_OFFICIAL: &[&str] = &[
    "Kepala {dinas_s} {reg}",
    "Sekretaris Daerah {reg}",
    "Kepala Bidang di {dinas_s} {reg}",
    "{kepala}",
];
pub const ROLE_CITIZEN: &[&str] = &[
    "warga {kec}",
    "seorang pedagang di {kec}",
    "ketua RT setempat",
    "tokoh masyarakat {kecb}",
];

pub const FIRST_NAMES: &[&str] = &[
    "Agus", "Budi", "Siti", "Dewi", "Rudi", "Andi", "Rina", "Eko", "Sri", "Wahyu", "Yusuf",
    "Fitri", "Hendra", "Indah", "Joko", "Kartika", "Lestari", "Made", "Nur", "Putu", "Rahmat",
    "Sari", "Teguh", "Wayan", "Yanti", "Bambang", "Dedi", "Asep", "Ujang", "Ahmad", "Muhammad",
    "Ketut", "Nyoman", "Hasan", "Ratna", "Dian", "Irfan", "Taufik", "Maria", "Yohanes", "Benny",
    "Fransiska", "Lukas", "Ayu", "Bayu", "Cahya", "Gilang", "Hadi", "Imam", "Linda",
];
pub const LAST_NAMES: &[&str] = &[
    "Santoso", "Wijaya", "Saputra", "Lestari", "Hidayat", "Nugroho", "Siregar", "Nasution",
    "Simanjuntak", "Harahap", "Pratama", "Kurniawan", "Setiawan", "Rahman", "Hakim", "Gunawan",
    "Pangaribuan", "Sembiring", "Ginting", "Tarigan", "Suryadi", "Permana", "Sudrajat",
    "Hutapea", "Manurung", "Daeng", "Makmur", "Rumbiak", "Wenda", "Kambu", "Latuconsina",
    "Pattiasina", "Sitompul", "Purba", "Effendi", "Syahputra", "Susanto", "Hartono", "Anwar",
    "Halim",
];

/// Outlet names (invented), with a province focus (None = national).
pub const OUTLETS: &[(&str, Option<&str>)] = &[
    ("Warta Nusantara", None),
    ("Kabar Negeri", None),
    ("Suara Khatulistiwa", None),
    ("Berita Cakrawala", None),
    ("Lintas Indonesia Raya", None),
    ("Harian Merah Putih", None),
    ("Kabar Terkini Nusa", None),
    ("Detak Republik", None),
    ("Jurnal Publik", None),
    ("Warta Sepekan", None),
    ("Kabar Priangan", Some("32")),
    ("Pikiran Parahyangan", Some("32")),
    ("Suara Pantura", Some("33")),
    ("Jateng Pos Daring", Some("33")),
    ("Warta Mataraman", Some("35")),
    ("Surya Tapal Kuda", Some("35")),
    ("Kabar Betawi", Some("31")),
    ("Banten Hari Ini", Some("36")),
    ("Jogja Bicara", Some("34")),
    ("Serambi Rencong", Some("11")),
    ("Kabar Danau Toba", Some("12")),
    ("Ranah Minang Kini", Some("13")),
    ("Lancang Kuning News", Some("14")),
    ("Kabar Batanghari", Some("15")),
    ("Sriwijaya Daring", Some("16")),
    ("Warta Lampung Raya", Some("18")),
    ("Babel Terkini", Some("19")),
    ("Warta Kepri", Some("21")),
    ("Suara Dewata", Some("51")),
    ("Kabar Rinjani", Some("52")),
    ("Flobamora Pos", Some("53")),
    ("Kalbar Kini", Some("61")),
    ("Tambun Bungai News", Some("62")),
    ("Banua Hari Ini", Some("63")),
    ("Mahakam Pos Daring", Some("64")),
    ("Kabar Nyiur Melambai", Some("71")),
    ("Celebes Terkini", Some("73")),
    ("Kabar Anoa", Some("74")),
    ("Suara Maluku", Some("81")),
    ("Cenderawasih Pos Daring", Some("91")),
];

/// Sentences an outlet adds around a republished press release.
pub const RELEASE_INTROS: &[&str] = &[
    "Berikut siaran pers yang diterima redaksi.",
    "Redaksi menerima siaran pers berikut dari bagian hubungan masyarakat pemerintah daerah.",
    "Informasi ini disampaikan melalui siaran pers resmi yang dibagikan kepada media.",
    "Siaran pers tersebut dibagikan kepada wartawan pada hari yang sama.",
];
pub const RELEASE_OUTROS: &[&str] = &[
    "Artikel ini merupakan siaran pers dan telah disunting seperlunya oleh redaksi.",
    "Isi siaran pers sepenuhnya menjadi tanggung jawab pengirim.",
    "Informasi lebih lanjut dapat diperoleh melalui kanal resmi pemerintah daerah.",
];
pub const RELEASE_TITLE_FORMS: &[&str] = &[
    "{t}",
    "Siaran Pers: {t}",
    "{t}, Ini Penjelasannya",
    "Pemerintah Pastikan {t}",
    "Resmi, {t}",
    "{t} (Siaran Pers)",
];

pub const WEEKDAYS: &[&str] = &["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"];
pub const MONTHS: &[&str] = &[
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
];

/// Reader comments (pages only; never part of the article text).
pub const COMMENTS: &[&str] = &[
    "Semoga cepat ditangani, kasihan warga yang terdampak.",
    "Dari dulu begini terus, janji tinggal janji.",
    "Mantap, terus tingkatkan pelayanan untuk masyarakat.",
    "Tolong dicek juga di daerah kami, kondisinya sama saja.",
    "Jangan cuma foto-foto untuk media sosial, kerja nyata dong.",
    "Terima kasih infonya, sangat bermanfaat.",
    "Pejabatnya harus turun langsung ke lapangan.",
    "Setuju, ini langkah yang bagus.",
];

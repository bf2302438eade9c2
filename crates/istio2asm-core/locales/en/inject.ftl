# inject — en
